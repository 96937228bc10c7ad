/*
 * fuzz_policy — the .redline policy parser.  The input, up to its first
 * NUL byte, is parsed as a policy file; after it, "key=value" lines are
 * set as command-line flags would be.  Properties: both succeed or fail
 * with RL_EINVALID and a message, and a failed parse leaves a policy that
 * can still take flags and be released.
 * fuzz-seeds: policy
 */
#include "fuzz.h"

#include "redline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text, *flags;
	size_t tlen, flen;
	rl_policy *p = NULL;
	char *rest, *line, *save = NULL;
	int err;

	fuzz_split(data, size, &text, &tlen, &flags, &flen);
	FUZZ_CHECK(rl_policy_new(&p) == 0);
	err = rl_policy_parse(p, ".redline", text, tlen);
	FUZZ_CHECK(err == 0 || err == RL_EINVALID);
	if (err)
		FUZZ_CHECK(strstr(rl_error_last(), ".redline"));
	rest = fuzz_strndup(flags, flen);
	for (line = strtok_r(rest, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');

		if (!eq)
			continue;
		*eq = '\0';
		err = rl_policy_set(p, line, eq + 1);
		FUZZ_CHECK(err == 0 || err == RL_EINVALID);
		if (err)
			FUZZ_CHECK(*rl_error_last());
	}
	(void)rl_policy_has_rules(p);
	free(rest);
	rl_policy_free(p);
	return 0;
}
