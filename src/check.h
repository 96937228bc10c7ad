/*
 * check — a CI policy over two revisions of a corpus: which differences
 * (paragraph kinds, semantic change types, similarity, deletions) fail.
 * The public API is in redline.h; this header holds the policy layout and
 * the evaluation of one comparison, which the renderers and tests share.
 */
#ifndef RL_CHECK_H
#define RL_CHECK_H

#include "redline.h"
#include "util.h"

/* fail-on bits: change types first, then link kinds, then documents. */
#define RL_FAIL_CHANGE(t) (1ull << (t))
#define RL_FAIL_KIND(k) (1ull << (16 + (k)))
#define RL_FAIL_DOC_DELETED (1ull << 40)
#define RL_FAIL_DOC_ADDED (1ull << 41)

/* One layer of rules; `set` says which fields it sets. */
typedef struct rl_rules {
	uint64_t fail_on;
	double min_similarity;
	long max_deleted;
	unsigned set; /* RL_RULE_* */
} rl_rules;

enum { RL_RULE_FAIL_ON = 1, RL_RULE_MIN_SIM = 2, RL_RULE_MAX_DELETED = 4 };

typedef struct rl_policy_path {
	char *glob;
	rl_rules rules;
} rl_policy_path;

struct rl_policy {
	rl_rules file;  /* [check] of the policy file */
	rl_rules flags; /* command-line flags */
	rl_policy_path *paths;
	size_t n_paths, paths_cap;
	char **ignore;  /* globs of documents not checked */
	size_t n_ignore, ignore_cap;
};

/* The rules for document `name`: [check], matching [path] sections in
 * order, then flags.  Cannot fail. */
rl_rules rl_policy__rules_for(const rl_policy *p, const char *name);

/* 1 when `name` matches an ignore pattern.  Cannot fail. */
int rl_policy__ignores(const rl_policy *p, const char *name);

/* Fill `d` (name and status already set) from the comparison of its two
 * versions and apply `rules`.  Fails with RL_ENOMEM. */
int rl_check__evaluate(rl_check_doc *d, const rl_comparison *cmp, const rl_doc *old_doc,
                       const rl_doc *new_doc, const rl_rules *rules);

/* The name of a fail-on bit ("deleted", "number", "document_deleted"). */
const char *rl_check__fail_name(int bit);

#endif
