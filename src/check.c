/*
 * check — apply a CI policy to the documents changed between two
 * revisions of a corpus.  Each changed document is compared in versions
 * mode; its links and semantic changes are counted, its similarity is the
 * share of text kept (link similarity weighted by the bytes of the
 * paragraphs linked), and the rules in force for its name (the [check]
 * section, matching [path] sections, then flags) turn them into
 * violations.  Rendering is in check_render.c.
 */
#include "check.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>

#include "corpus.h"

#define POLICY_FILE ".redline"
#define SNIPPET_MAX 60

/* ---- fail-on names ---------------------------------------------------------- */

const char *rl_check__fail_name(int bit)
{
	if (bit >= 0 && bit < RL_CHANGE_TYPE_COUNT)
		return rl_change_type_name((rl_change_type)bit);
	if (bit >= 16 && bit < 16 + RL_LINK_KIND_COUNT && bit - 16 != RL_LINK_EQUAL &&
	    bit - 16 != RL_LINK_RELATED)
		return rl_link_kind_name((rl_link_kind)(bit - 16));
	if (RL_FAIL_DOC_DELETED == 1ull << bit)
		return "document_deleted";
	if (RL_FAIL_DOC_ADDED == 1ull << bit)
		return "document_added";
	return NULL;
}

static int fail_bit(const char *s, size_t len)
{
	for (int bit = 0; bit < 64; bit++) {
		const char *name = rl_check__fail_name(bit);

		if (name && strlen(name) == len && !strncmp(name, s, len))
			return bit;
	}
	return -1;
}

static int parse_fail_on(uint64_t *out, const char *v)
{
	*out = 0;
	while (*v) {
		size_t n;
		int bit;

		v += strspn(v, ", \t");
		n = strcspn(v, ", \t");
		if (n == 0)
			break;
		if (n == 4 && !strncmp(v, "none", 4)) {
			v += n;
			continue;
		}
		if ((bit = fail_bit(v, n)) < 0)
			return rl_error_set(RL_EINVALID,
			                    "fail-on: unknown type '%.*s' (deleted, inserted, edited, moved, "
			                    "split, merged, number, date, negation, modality, entity_added, "
			                    "entity_removed, term_added, term_removed, document_deleted, "
			                    "document_added, none)", (int)n, v);
		*out |= 1ull << bit;
		v += n;
	}
	return 0;
}

/* ---- rules ------------------------------------------------------------------ */

static int key_is(const char *key, const char *name)
{
	for (; *key && *name; key++, name++)
		if (*key != *name && !(*key == '_' && *name == '-'))
			return 0;
	return !*key && !*name;
}

static int parse_number(double *out, const char *v, double lo, double hi)
{
	char *end;

	errno = 0;
	*out = strtod(v, &end);
	return errno || end == v || *end || *out < lo || *out > hi ? -1 : 0;
}

/* Set `key` (fail-on, min-similarity, max-deleted) in `r`. */
static int set_rule(rl_rules *r, const char *key, const char *v)
{
	double x;

	if (key_is(key, "fail-on")) {
		if (parse_fail_on(&r->fail_on, v) < 0)
			return RL_EINVALID;
		r->set |= RL_RULE_FAIL_ON;
	} else if (key_is(key, "min-similarity")) {
		if (!strcmp(v, "off"))
			x = -1;
		else if (parse_number(&x, v, 0, 1) < 0)
			return rl_error_set(RL_EINVALID, "min-similarity: '%s' is not off or 0..1", v);
		r->min_similarity = x;
		r->set |= RL_RULE_MIN_SIM;
	} else if (key_is(key, "max-deleted")) {
		if (!strcmp(v, "off"))
			x = -1;
		else if (parse_number(&x, v, 0, 1e9) < 0 || x != (double)(long)x)
			return rl_error_set(RL_EINVALID, "max-deleted: '%s' is not off or a count", v);
		r->max_deleted = (long)x;
		r->set |= RL_RULE_MAX_DELETED;
	} else {
		return rl_error_set(RL_EINVALID,
		                    "unknown key '%s' (fail-on, min-similarity, max-deleted, ignore)", key);
	}
	return 0;
}

static void apply_rules(rl_rules *to, const rl_rules *from)
{
	if (from->set & RL_RULE_FAIL_ON)
		to->fail_on = from->fail_on;
	if (from->set & RL_RULE_MIN_SIM)
		to->min_similarity = from->min_similarity;
	if (from->set & RL_RULE_MAX_DELETED)
		to->max_deleted = from->max_deleted;
	to->set |= from->set;
}

rl_rules rl_policy__rules_for(const rl_policy *p, const char *name)
{
	rl_rules r = {0, -1, -1, 0};

	apply_rules(&r, &p->file);
	for (size_t i = 0; i < p->n_paths; i++)
		if (fnmatch(p->paths[i].glob, name, 0) == 0)
			apply_rules(&r, &p->paths[i].rules);
	apply_rules(&r, &p->flags);
	return r;
}

int rl_policy__ignores(const rl_policy *p, const char *name)
{
	for (size_t i = 0; i < p->n_ignore; i++)
		if (fnmatch(p->ignore[i], name, 0) == 0)
			return 1;
	return 0;
}

int rl_policy_has_rules(const rl_policy *p)
{
	rl_rules r = {0, -1, -1, 0};

	apply_rules(&r, &p->file);
	apply_rules(&r, &p->flags);
	if (r.fail_on || r.min_similarity >= 0 || r.max_deleted >= 0)
		return 1;
	for (size_t i = 0; i < p->n_paths; i++)
		if (p->paths[i].rules.fail_on || p->paths[i].rules.min_similarity >= 0 ||
		    p->paths[i].rules.max_deleted >= 0)
			return 1;
	return 0;
}

/* ---- the policy ------------------------------------------------------------- */

int rl_policy_new(rl_policy **out)
{
	rl_policy *p = rl_calloc(1, sizeof(*p));

	*out = p;
	if (!p)
		return RL_ENOMEM;
	p->file.min_similarity = p->flags.min_similarity = -1;
	p->file.max_deleted = p->flags.max_deleted = -1;
	return 0;
}

void rl_policy_free(rl_policy *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_paths; i++)
		free(p->paths[i].glob);
	for (size_t i = 0; i < p->n_ignore; i++)
		free(p->ignore[i]);
	free(p->paths);
	free(p->ignore);
	free(p);
}

static int add_ignore(rl_policy *p, const char *v)
{
	while (*v) {
		size_t n;

		v += strspn(v, ", \t");
		if (!(n = strcspn(v, ", \t")))
			break;
		if (rl_grow(&p->ignore, &p->ignore_cap, p->n_ignore + 1, sizeof(char *)) < 0 ||
		    !(p->ignore[p->n_ignore] = rl_strndup(v, n)))
			return RL_ENOMEM;
		p->n_ignore++;
		v += n;
	}
	return 0;
}

int rl_policy_set(rl_policy *p, const char *key, const char *value)
{
	if (key_is(key, "ignore"))
		return add_ignore(p, value);
	return set_rule(&p->flags, key, value);
}

/* A section header: "[check]" or "[path "GLOB"]"; sets `*rules`. */
static int section(rl_policy *p, char *s, rl_rules **rules)
{
	size_t n = strlen(s);
	char *glob;

	if (s[n - 1] != ']')
		return rl_error_set(RL_EINVALID, "a section header ends with ]");
	s[--n] = '\0';
	s++;
	if (!strcmp(s, "check")) {
		*rules = &p->file;
		return 0;
	}
	if (strncmp(s, "path", 4) || (s[4] != ' ' && s[4] != '\t'))
		return rl_error_set(RL_EINVALID, "unknown section [%s] ([check], [path \"GLOB\"])", s);
	glob = s + 4 + strspn(s + 4, " \t");
	n = strlen(glob);
	if (n >= 2 && glob[0] == '"' && glob[n - 1] == '"') {
		glob[n - 1] = '\0';
		glob++;
	}
	if (!*glob)
		return rl_error_set(RL_EINVALID, "[path] needs a pattern: [path \"letters/*\"]");
	if (rl_grow(&p->paths, &p->paths_cap, p->n_paths + 1, sizeof(*p->paths)) < 0 ||
	    !(p->paths[p->n_paths].glob = rl_strdup(glob)))
		return RL_ENOMEM;
	p->paths[p->n_paths].rules = (rl_rules){0, -1, -1, 0};
	*rules = &p->paths[p->n_paths++].rules;
	return 0;
}

static char *trim(char *s)
{
	size_t n;

	s += strspn(s, " \t\r");
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* One line of the file: a comment, a header or "key = value". */
static int policy_line(rl_policy *p, char *line, rl_rules **rules)
{
	char *eq, *key, *value, *hash;

	line = trim(line);
	if (!*line || *line == '#' || *line == ';')
		return 0;
	if (*line == '[')
		return section(p, line, rules);
	if (!(eq = strchr(line, '=')))
		return rl_error_set(RL_EINVALID, "expected key = value");
	*eq = '\0';
	key = trim(line);
	value = eq + 1;
	if ((hash = strstr(value, " #")) || (hash = strstr(value, " ;")))
		*hash = '\0';
	value = trim(value);
	if (key_is(key, "ignore")) {
		if (*rules != &p->file)
			return rl_error_set(RL_EINVALID, "ignore belongs in [check]");
		return add_ignore(p, value);
	}
	return set_rule(*rules, key, value);
}

int rl_policy_parse(rl_policy *p, const char *name, const char *text, size_t len)
{
	char *copy = rl_strndup(text, len), *line, *next;
	rl_rules *rules = &p->file;
	size_t no = 1;
	int err = 0;

	if (!copy)
		return RL_ENOMEM;
	for (line = copy; line && err == 0; line = next, no++) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if ((err = policy_line(p, line, &rules)) < 0 && err != RL_ENOMEM) {
			char where[300];

			snprintf(where, sizeof(where), "%s:%zu", name, no);
			rl_error_prefix(err, where);
		}
	}
	free(copy);
	return err;
}

int rl_policy_load(rl_policy *p, rl_corpus *c, const char *rev)
{
	char *data = NULL, name[300];
	size_t len;
	int err = rl_corpus__read_path(&data, &len, c, rev, POLICY_FILE);

	if (err == RL_ENOTFOUND) {
		rl_error_clear();
		return 0;
	}
	if (err < 0)
		return err;
	snprintf(name, sizeof(name), "%s%s%s", rev ? rev : "", rev ? ":" : "", POLICY_FILE);
	err = rl_policy_parse(p, name, data, len);
	free(data);
	return err;
}

/* ---- evaluating one document -------------------------------------------------- */

/* Up to SNIPPET_MAX bytes of text, white space runs as one space, cut at a
 * character boundary. */
static int snippet(rl_buf *b, const char *s, size_t len)
{
	size_t n = 0;
	int space = 0, err = 0;

	for (size_t i = 0; i < len && err == 0; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch < 0x20) {
			space = n > 0;
			continue;
		}
		if (n >= SNIPPET_MAX && (ch & 0xc0) != 0x80)
			return rl_buf_puts(b, "…");
		if (space)
			err = rl_buf_putc(b, ' ');
		space = 0;
		err = err ? err : rl_buf_putc(b, (char)ch);
		n++;
	}
	return err;
}

static int violation(rl_check_doc *d, size_t *cap, const char *rule, const char *type,
                     rl_buf *msg, long old_para, long new_para)
{
	rl_violation *v;

	if (rl_grow(&d->violations, cap, d->n_violations + 1, sizeof(*v)) < 0)
		return RL_ENOMEM;
	v = &d->violations[d->n_violations];
	if (!(v->message = rl_buf_detach(msg)))
		return RL_ENOMEM;
	v->rule = rule;
	v->type = type;
	v->old_para = old_para;
	v->new_para = new_para;
	d->n_violations++;
	return 0;
}

static long first_para(const uint32_t *v, size_t n)
{
	return n ? (long)v[0] : -1;
}

/* A link of a kind the policy fails on. */
static int kind_violation(rl_check_doc *d, size_t *cap, const rl_link *l, const rl_doc *a,
                          const rl_doc *b)
{
	const rl_doc *doc = l->n_new ? b : a;
	const uint32_t *paras = l->n_new ? l->new_paras : l->old_paras;
	rl_paragraph p = rl_doc_paragraph(doc, paras[0]);
	const char *data = rl_doc_data(doc, NULL);
	rl_buf m = RL_BUF_INIT;
	int err;

	err = rl_buf_printf(&m, "paragraph %s: %s¶%u \"", rl_link_kind_name(l->kind),
	                    l->n_new ? "" : "old ", paras[0] + 1);
	if (err == 0 && (err = snippet(&m, data + p.start, p.end - p.start)) == 0 &&
	    (err = rl_buf_putc(&m, '"')) == 0)
		err = violation(d, cap, "fail-on", rl_link_kind_name(l->kind), &m,
		                first_para(l->old_paras, l->n_old), first_para(l->new_paras, l->n_new));
	rl_buf_free(&m);
	return err;
}

/* A semantic change of a type the policy fails on. */
static int change_violation(rl_check_doc *d, size_t *cap, const rl_link *l, const rl_change *ch,
                            const rl_doc *a, const rl_doc *b)
{
	rl_buf m = RL_BUF_INIT;
	int err;

	err = rl_buf_printf(&m, "%s change in ¶%u: \"", rl_change_type_name(ch->type),
	                    l->n_new ? l->new_paras[0] + 1 : l->old_paras[0] + 1);
	err = err ? err : snippet(&m, rl_doc_data(a, NULL) + ch->old_start, ch->old_end - ch->old_start);
	err = err ? err : rl_buf_puts(&m, "\" -> \"");
	err = err ? err : snippet(&m, rl_doc_data(b, NULL) + ch->new_start, ch->new_end - ch->new_start);
	err = err ? err : rl_buf_putc(&m, '"');
	if (err == 0 && ch->detail)
		err = rl_buf_printf(&m, " (%s)", ch->detail);
	if (err == 0)
		err = violation(d, cap, "fail-on", rl_change_type_name(ch->type), &m,
		                first_para(l->old_paras, l->n_old), first_para(l->new_paras, l->n_new));
	rl_buf_free(&m);
	return err;
}

static size_t link_bytes(const rl_link *l, const rl_doc *a, const rl_doc *b)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n_old; i++) {
		rl_paragraph p = rl_doc_paragraph(a, l->old_paras[i]);
		n += p.end - p.start;
	}
	for (size_t i = 0; i < l->n_new; i++) {
		rl_paragraph p = rl_doc_paragraph(b, l->new_paras[i]);
		n += p.end - p.start;
	}
	return n;
}

/* Counts, similarity and the fail-on violations of every link. */
static int scan_links(rl_check_doc *d, size_t *cap, const rl_comparison *cmp, const rl_doc *a,
                      const rl_doc *b, uint64_t fail_on, size_t *deleted)
{
	double kept = 0, total = 0;
	int err = 0;

	*deleted = 0;
	for (size_t k = 0; k < rl_comparison_link_count(cmp) && err == 0; k++) {
		const rl_link *l = rl_comparison_link(cmp, k);
		double bytes = (double)link_bytes(l, a, b);

		d->kinds[l->kind]++;
		total += bytes;
		kept += bytes * l->similarity;
		if (l->kind == RL_LINK_DELETED)
			*deleted += l->n_old;
		if (fail_on & RL_FAIL_KIND(l->kind))
			err = kind_violation(d, cap, l, a, b);
		for (size_t i = 0; i < l->n_changes && err == 0; i++) {
			d->changes[l->changes[i].type]++;
			if (fail_on & RL_FAIL_CHANGE(l->changes[i].type))
				err = change_violation(d, cap, l, &l->changes[i], a, b);
		}
	}
	d->similarity = total > 0 ? kept / total : 1.0;
	return err;
}

static int document_rules(rl_check_doc *d, size_t *cap, const rl_rules *r, size_t deleted)
{
	rl_buf m = RL_BUF_INIT;
	int err = 0;

	if (d->status == RL_CORPUS_DELETED && (r->fail_on & RL_FAIL_DOC_DELETED))
		err = rl_buf_puts(&m, "document deleted") < 0 ? RL_ENOMEM :
		      violation(d, cap, "fail-on", "document_deleted", &m, -1, -1);
	if (err == 0 && d->status == RL_CORPUS_ADDED && (r->fail_on & RL_FAIL_DOC_ADDED))
		err = rl_buf_puts(&m, "document added") < 0 ? RL_ENOMEM :
		      violation(d, cap, "fail-on", "document_added", &m, -1, -1);
	if (err == 0 && r->max_deleted >= 0 && deleted > (size_t)r->max_deleted)
		err = rl_buf_printf(&m, "%zu paragraph%s deleted, more than max-deleted %ld", deleted,
		                    deleted == 1 ? "" : "s", r->max_deleted) < 0 ? RL_ENOMEM :
		      violation(d, cap, "max-deleted", NULL, &m, -1, -1);
	if (err == 0 && r->min_similarity >= 0 && d->status == RL_CORPUS_MODIFIED &&
	    d->similarity < r->min_similarity)
		err = rl_buf_printf(&m, "similarity %.2f, below min-similarity %.2f", d->similarity,
		                    r->min_similarity) < 0 ? RL_ENOMEM :
		      violation(d, cap, "min-similarity", NULL, &m, -1, -1);
	rl_buf_free(&m);
	return err;
}

int rl_check__evaluate(rl_check_doc *d, const rl_comparison *cmp, const rl_doc *a,
                       const rl_doc *b, const rl_rules *rules)
{
	size_t cap = 0, deleted;
	int err;

	d->old_paragraphs = rl_doc_paragraph_count(a);
	d->new_paragraphs = rl_doc_paragraph_count(b);
	if ((err = scan_links(d, &cap, cmp, a, b, rules->fail_on, &deleted)) < 0 ||
	    (err = document_rules(d, &cap, rules, deleted)) < 0)
		return err;
	d->passed = d->n_violations == 0;
	return 0;
}

/* ---- checking two revisions ------------------------------------------------- */

void rl_check_options_init(rl_check_options *o)
{
	memset(o, 0, sizeof(*o));
	rl_options_init(&o->compare);
}

void rl_check_report_free(rl_check_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_docs; i++) {
		for (size_t k = 0; k < r->docs[i].n_violations; k++)
			free(r->docs[i].violations[k].message);
		free(r->docs[i].violations);
		free(r->docs[i].name);
		rl_comparison_free(r->docs[i].comparison);
		rl_doc_free(r->docs[i].old_doc);
		rl_doc_free(r->docs[i].new_doc);
	}
	free(r->docs);
	free(r->base_rev);
	free(r->head_rev);
	free(r);
}

static int check_doc(rl_check_report *r, rl_check_doc *d, rl_corpus *c, const rl_corpus_entry *e,
                     const rl_policy *p, const rl_options *opts, int keep)
{
	rl_corpus_pair pair;
	rl_rules rules = rl_policy__rules_for(p, e->name);
	int err;

	if (!(d->name = rl_strdup(e->name)))
		return RL_ENOMEM;
	d->status = e->status;
	if (rl_policy__ignores(p, e->name)) {
		d->ignored = d->passed = 1;
		return 0;
	}
	if ((err = rl_corpus__compare(&pair, c, e, r->base_rev, r->head_rev, opts)) < 0)
		return err;
	err = rl_check__evaluate(d, pair.cmp, pair.a, pair.b, &rules);
	if (keep) {
		d->comparison = pair.cmp;
		d->old_doc = pair.a;
		d->new_doc = pair.b;
	} else {
		rl_corpus__pair_free(&pair);
	}
	return err;
}

/* Names and ids of the two sides. */
static int check_sides(rl_check_report *r, rl_corpus *c, const rl_check_options *o,
                       const char **base, const char **head)
{
	rl_buf b = RL_BUF_INIT;

	*head = o->worktree ? NULL : o->head ? o->head : "HEAD";
	*base = o->base ? o->base : o->worktree ? "HEAD" : NULL;
	if (!(r->head_rev = rl_strdup(*head ? *head : "worktree")))
		return RL_ENOMEM;
	if (*base ? rl_buf_puts(&b, *base) < 0 : rl_buf_printf(&b, "%s^", *head) < 0)
		return RL_ENOMEM;
	r->base_rev = rl_buf_detach(&b);
	if (!r->base_rev)
		return RL_ENOMEM;
	if (*head && rl_corpus_resolve(r->head, c, *head) < 0)
		return RL_ENOTFOUND;
	if (rl_corpus_resolve(r->base, c, r->base_rev) < 0) {
		if (*base)
			return RL_ENOTFOUND;
		r->base[0] = '\0'; /* a first commit: compared with nothing */
		rl_error_clear();
	}
	return 0;
}

int rl_check(rl_check_report **out, rl_corpus *c, const rl_policy *p, const rl_check_options *o)
{
	rl_check_options defaults;
	rl_check_report *r;
	rl_corpus_entries ch = {NULL, 0};
	rl_options cmp;
	const char *base, *head;
	int err;

	*out = NULL;
	if (!o) {
		rl_check_options_init(&defaults);
		o = &defaults;
	}
	if (!(r = rl_calloc(1, sizeof(*r))))
		return RL_ENOMEM;
	if ((err = check_sides(r, c, o, &base, &head)) < 0 ||
	    (err = rl_corpus_changes(&ch, c, base, head)) < 0)
		goto done;
	if (ch.n && !(r->docs = rl_calloc(ch.n, sizeof(*r->docs)))) {
		err = RL_ENOMEM;
		goto done;
	}
	cmp = o->compare;
	cmp.mode = RL_MODE_VERSIONS; /* two revisions of one document */
	for (size_t i = 0; i < ch.n && err == 0; i++) {
		err = check_doc(r, &r->docs[i], c, &ch.v[i], p, &cmp, o->keep_comparisons);
		r->n_docs = i + 1;
		r->n_failed += err == 0 && !r->docs[i].passed;
		if (o->progress && o->progress(i + 1, ch.n, o->payload))
			err = rl_error_set(RL_EGENERIC, "cancelled");
	}
	r->has_rules = rl_policy_has_rules(p);
	r->passed = r->n_failed == 0;
done:
	rl_corpus_entries_free(&ch);
	if (err < 0) {
		rl_check_report_free(r);
		return err;
	}
	*out = r;
	return 0;
}
