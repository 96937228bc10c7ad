# bash completion for redline(1).
#
# Commands, options and option values come from the program's own --help,
# so they are always those of the redline being completed; languages from
# its data directory (redline --version); documents of a corpus (REV:NAME)
# from the git repository around the current directory.  Needs nothing
# but bash; installed as share/bash-completion/completions/redline.

# Print the commands of redline binary $1.
_redline_commands()
{
	"$1" --help 2>/dev/null | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p'
}

# Print the options of command $2 of binary $1, one a line as
# "--name" or "--name=" (takes a value) followed by a TAB and the help.
_redline_options()
{
	"$1" "$2" --help 2>/dev/null | sed -n '/^options:/,/^$/p' |
		sed -n 's/^  \(-., \)\{0,1\} *\(--[a-z0-9-]*\)\(=[A-Z]*\)\{0,1\} *\(.*\)/\2\3\t\4/p' |
		sed 's/=[A-Z]*\t/=\t/'
}

# Print the words of list $1 ("a, b or c"; "..." is skipped), or nothing
# unless every item is one word.
_redline_list()
{
	local text word words=() IFS=,
	text=$(sed 's/ or /,/g; s/\.\.\.//g; s/^[[:space:]]*//; s/[[:space:]]*,[[:space:]]*/,/g; s/[[:space:]]*$//' <<<"$1")
	for word in $text; do
		[[ -z $word ]] && continue
		[[ $word =~ ^[a-z_]+$ ]] || return 0
		words+=("$word")
	done
	(( ${#words[@]} )) && printf '%s\n' "${words[@]}"
	return 0
}

# Print the values of an option from its help text $1: the list after the
# colon, or of the whole text, parenthesised remarks left out ("output
# format: text (default), json or html"); else the list in parentheses
# ("fail on these (deleted, inserted, ...)"); else nothing.
_redline_values()
{
	local text values
	text=$(sed 's/([^)]*)//g' <<<"$1")
	values=$(_redline_list "${text#*:}")
	[[ -z $values && $1 == *\(*\)* ]] && values=$(_redline_list "$(sed 's/^[^(]*(\([^)]*\)).*/\1/' <<<"$1")")
	[[ -z $values ]] || printf '%s\n' "$values"
}

# Print the language codes in the data directory of binary $1.
_redline_langs()
{
	local dir
	dir=$("$1" --version 2>/dev/null | sed -n 's/^data: //p')
	[[ -d $dir/lang ]] && (cd "$dir/lang" && printf '%s\n' */ | tr -d /)
}

# Print REV:NAME for the documents at REV that start with NAME-prefix $3,
# in the git repository around directory $1 (":NAME": the work tree).
_redline_documents()
{
	local dir=$1 rev=$2 prefix=$3
	if [[ -z $rev ]]; then
		git -C "$dir" ls-files -- "$prefix*" 2>/dev/null
	else
		git -C "$dir" ls-tree -r --name-only "$rev" 2>/dev/null | grep -F -- "$prefix"
	fi | while IFS= read -r name; do
		[[ $name == "$prefix"* && $name != .* && $name != */.* ]] && printf '%s:%s\n' "$rev" "$name"
	done
}

# Print the revisions (branches, tags, HEAD) of the repository around $1.
_redline_revisions()
{
	git -C "$1" for-each-ref --format='%(refname:short)' refs/heads refs/tags 2>/dev/null
	echo HEAD
}

# Print the candidates for "$3" as a value of kind $2 (an argument name
# of the help: FILE, DIR, NAME, REV, LANG, ...) in the corpus around $1,
# binary $4.  Names are those of the work tree, REV:NAME those at REV.
_redline_complete_kind()
{
	local dir=$1 kind=$2 cur=$3 bin=$4
	case $kind in
	*FILE* | OLD | NEW | PATH) compgen -f -- "$cur" ;;
	DIR) compgen -d -- "$cur" ;;
	LANG) compgen -W "$(_redline_langs "$bin")" -- "$cur" ;;
	REV*:NAME | NAME)
		if [[ $cur == *:* ]]; then
			_redline_documents "$dir" "${cur%%:*}" "${cur#*:}"
		else
			_redline_documents "$dir" "" "$cur" | cut -c2-
		fi ;;
	REV* | BASE | HEAD) compgen -W "$(_redline_revisions "$dir")" -- "$cur" ;;
	esac
}

_redline()
{
	local line=${COMP_LINE:0:COMP_POINT} cur bin cmd="" dir=. i=1 prev="" candidates=()
	local -a words
	read -ra words <<<"$line"
	[[ $line == *[[:space:]] ]] && words+=("")
	cur=${words[${#words[@]} - 1]}
	bin=${words[0]}
	[[ $bin == */* ]] || bin=$(type -P "$bin") || return 0
	(( ${#words[@]} > 1 )) && prev=${words[${#words[@]} - 2]}

	# global options, then the command
	while (( i < ${#words[@]} - 1 )); do
		case ${words[i]} in
		-C) dir=${words[i + 1]}; ((i += 2)) ;;
		-C?*) dir=${words[i]#-C}; ((i++)) ;;
		-*) ((i++)) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done

	if [[ -z $cmd ]]; then
		if [[ $prev == -C ]]; then
			compopt -o filenames 2>/dev/null
			mapfile -t candidates < <(compgen -d -- "$cur")
		elif [[ $cur == -* ]]; then
			mapfile -t candidates < <(compgen -W '-C --help --version' -- "$cur")
		else
			mapfile -t candidates < <(compgen -W "$(_redline_commands "$bin") help" -- "$cur")
		fi
	elif [[ $cmd == help ]]; then
		mapfile -t candidates < <(compgen -W "$(_redline_commands "$bin")" -- "$cur")
	elif [[ $cur == --*=* ]]; then
		# the value of an option: --name=VALUE, or a list --name=A,B,...
		local name=${cur%%=*} value=${cur#*=} help arg head=""
		help=$(_redline_options "$bin" "$cmd" | sed -n "s/^$name=\t//p")
		arg=$("$bin" "$cmd" --help 2>/dev/null | sed -n "s/.*$name=\([A-Z]*\).*/\1/p" | head -n 1)
		[[ $value == *,* ]] && head=${value%,*}, && value=${value##*,}
		mapfile -t candidates < <(_redline_complete_kind "$dir" "$arg" "$value" "$bin")
		(( ${#candidates[@]} )) ||
			mapfile -t candidates < <(compgen -W "$(_redline_values "$help")" -- "$value")
		candidates=("${candidates[@]/#/$name=$head}")
	elif [[ $cur == -* ]]; then
		mapfile -t candidates < <(compgen -W "$(_redline_options "$bin" "$cmd" | cut -f1)" -- "$cur")
	else
		# operands: what the usage line names them (FILE, OLD, NAME, REV:NAME,
		# BASE, ...); files when it names nothing known
		local kind kinds
		kinds=$("$bin" "$cmd" --help 2>/dev/null | sed -n '1s/^usage: redline [^ ]* //p' |
			grep -oE '[A-Z][A-Z0-9:-]*' | grep -vx OPTIONS | sort -u)
		[[ $cur == *:* ]] && kinds=NAME
		for kind in $kinds; do
			mapfile -t -O ${#candidates[@]} candidates < <(_redline_complete_kind "$dir" "$kind" "$cur" "$bin")
		done
		if [[ -z $kinds || $kinds == *FILE* || $kinds == *OLD* || $kinds == *DIR* ]]; then
			compopt -o filenames 2>/dev/null
		fi
		(( ${#candidates[@]} )) || [[ -n $kinds ]] ||
			mapfile -t candidates < <(compgen -f -- "$cur")
		# once each; hidden files only when asked for
		mapfile -t candidates < <(printf '%s\n' "${candidates[@]}" |
			awk -v dot="${cur##*/}" 'NF && !seen[$0]++ && $0 !~ /(^|\/)\.\.?$/ &&
				(dot ~ /^\./ || $0 !~ /(^|\/)\.[^\/]*$/)')
	fi

	# bash splits the word at '=' and ':' (COMP_WORDBREAKS): offer only
	# what follows the last of them
	local breaks=${COMP_WORDBREAKS//[^=:]/} strip=""
	if [[ -n $breaks && $cur == *["$breaks"]* ]]; then
		strip=${cur%"${cur##*["$breaks"]}"}
	fi
	COMPREPLY=("${candidates[@]#"$strip"}")
	# an option that takes a value goes on without a space
	if (( ${#candidates[@]} == 1 )) && [[ ${candidates[0]} == *= ]]; then
		compopt -o nospace 2>/dev/null
	fi
	return 0
}

complete -F _redline redline
