/*
 * compare — an example of the redline library used without the CLI: load
 * two documents (files, or REV:NAME from the corpus around the current
 * directory), compare them, walk the links with their word edits and
 * semantic changes, then render a whole format through a write callback.
 *
 *   cc -o compare compare.c $(pkg-config --cflags --libs redline)
 *   ./compare [--format=text|json|markdown|html] OLD NEW
 *
 * Without --format it prints its own summary from the links.  Exit status
 * as for `redline diff`: 0 equal, 1 different, 2 trouble.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <redline.h>

/* Write callback: `payload` is the FILE to write to. */
static int write_file(const char *data, size_t len, void *payload)
{
	return fwrite(data, 1, len, payload) == len ? 0 : -1;
}

/* The paragraphs of one side of a link as "¶3" or "¶3-4" (1-based). */
static void print_paras(const uint32_t *v, size_t n)
{
	if (!n)
		printf("-");
	else if (n == 1)
		printf("¶%u", v[0] + 1);
	else
		printf("¶%u-%u", v[0] + 1, v[n - 1] + 1);
}

/* The word edits of a link in wdiff notation; long unchanged stretches
 * are shown as "...", and output stops after about `max` bytes. */
static void print_edits(const rl_comparison *cmp, const rl_link *l, size_t max)
{
	size_t shown = 0;

	for (size_t i = 0; i < l->n_edits && shown < max; i++) {
		size_t len;
		const char *t = rl_edit_text(cmp, &l->edits[i], &len);

		switch (l->edits[i].op) {
		case RL_EDIT_DELETE:
			printf("[-%.*s-]", (int)len, t);
			break;
		case RL_EDIT_INSERT:
			printf("{+%.*s+}", (int)len, t);
			break;
		default:
			if (len > 40)
				len = (size_t)printf(" ... ");
			else
				printf("%.*s", (int)len, t);
		}
		shown += len;
	}
	printf("%s\n", shown >= max ? " ..." : "");
}

/* A semantic change with the text of both sides. */
static void print_change(const rl_comparison *cmp, const rl_change *ch)
{
	const char *old_text = rl_doc_data(rl_comparison_old(cmp), NULL);
	const char *new_text = rl_doc_data(rl_comparison_new(cmp), NULL);

	printf("    %s: \"%.*s\" -> \"%.*s\"%s%s\n", rl_change_type_name(ch->type),
	       (int)(ch->old_end - ch->old_start), old_text + ch->old_start,
	       (int)(ch->new_end - ch->new_start), new_text + ch->new_start,
	       ch->detail ? " " : "", ch->detail ? ch->detail : "");
}

static void print_summary(const rl_comparison *cmp)
{
	size_t kinds[RL_LINK_KIND_COUNT] = {0};
	size_t n = rl_comparison_link_count(cmp);

	printf("redline %s, data in %s\n", rl_version(), rl_lang_datadir());
	printf("%s vs %s, mode %s\n", rl_doc_name(rl_comparison_old(cmp)),
	       rl_doc_name(rl_comparison_new(cmp)), rl_mode_name(rl_comparison_mode(cmp)));
	for (size_t i = 0; i < n; i++) {
		const rl_link *l = rl_comparison_link(cmp, i);

		kinds[l->kind]++;
		if (l->kind == RL_LINK_EQUAL)
			continue;
		printf("%s old ", rl_link_kind_name(l->kind));
		print_paras(l->old_paras, l->n_old);
		printf(" new ");
		print_paras(l->new_paras, l->n_new);
		printf(" similarity %.2f\n", l->similarity);
		if (l->n_edits) {
			printf("    ");
			print_edits(cmp, l, 160);
		}
		for (size_t k = 0; k < l->n_changes; k++)
			print_change(cmp, &l->changes[k]);
	}
	printf("links:");
	for (int k = 0; k < RL_LINK_KIND_COUNT; k++)
		if (kinds[k])
			printf(" %zu %s", kinds[k], rl_link_kind_name((rl_link_kind)k));
	printf("\n");
}

static int parse_format(const char *name, rl_format *out)
{
	static const struct { const char *name; rl_format format; } formats[] = {
		{"text", RL_FORMAT_TEXT}, {"json", RL_FORMAT_JSON},
		{"markdown", RL_FORMAT_MARKDOWN}, {"html", RL_FORMAT_HTML},
	};

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(name, formats[i].name)) {
			*out = formats[i].format;
			return 0;
		}
	return -1;
}

/* Load `arg`: a file, or REV:NAME (":NAME" the work tree) from the corpus
 * around the current directory when there is no such file.  The corpus is
 * opened on first use and kept in `*corpus` for the caller to free. */
static int load(rl_doc **out, const char *arg, rl_corpus **corpus)
{
	int err;

	if (!strchr(arg, ':') || access(arg, F_OK) == 0)
		return rl_doc_load_file(out, arg, NULL);
	if (!*corpus && (err = rl_corpus_open(corpus, ".")) < 0)
		return err;
	return rl_corpus_load(out, *corpus, arg, NULL);
}

int main(int argc, char **argv)
{
	rl_render_options render;
	rl_doc *old_doc = NULL, *new_doc = NULL;
	rl_comparison *cmp = NULL;
	rl_corpus *corpus = NULL;
	int status = 2, own_summary = 1, first = 1;

	rl_render_options_init(&render);
	if (argc == 4 && !strncmp(argv[1], "--format=", 9)) {
		if (parse_format(argv[1] + 9, &render.format) < 0) {
			fprintf(stderr, "compare: unknown format %s\n", argv[1] + 9);
			return 2;
		}
		own_summary = 0;
		first = 2;
	}
	if (argc - first != 2) {
		fprintf(stderr, "usage: compare [--format=text|json|markdown|html] OLD NEW\n");
		return 2;
	}
	if (strcmp(rl_version(), RL_VERSION) != 0)
		fprintf(stderr, "compare: built with redline %s, running with %s\n", RL_VERSION,
		        rl_version());
	if (load(&old_doc, argv[first], &corpus) < 0 || load(&new_doc, argv[first + 1], &corpus) < 0 ||
	    rl_compare(&cmp, old_doc, new_doc, NULL) < 0)
		goto fail;
	if (own_summary)
		print_summary(cmp);
	else if (rl_render(cmp, &render, write_file, stdout) < 0)
		goto fail;
	if (fflush(stdout) != 0) {
		fprintf(stderr, "compare: cannot write the output\n");
		goto done;
	}
	status = rl_comparison_is_equal(cmp) ? 0 : 1;
	goto done;
fail:
	fprintf(stderr, "compare: %s\n", rl_error_last());
done:
	rl_comparison_free(cmp);
	rl_doc_free(new_doc);
	rl_doc_free(old_doc);
	rl_corpus_free(corpus);
	return status;
}
