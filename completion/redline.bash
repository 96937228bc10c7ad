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

# Print the values of an option from its help text: the single words of a
# list ("auto (default), versions or related"), after a colon if there is
# one ("output format: text (default), json or html"), parenthesised
# remarks left out; nothing for other help texts.
_redline_values()
{
	local text word
	text=$(sed 's/([^)]*)//g; s/ or /,/g' <<<"$1")
	text=${text#*:}
	local IFS=,
	for word in $text; do
		word=${word//[[:space:]]/}
		[[ $word =~ ^[a-z_]+$ ]] || return 0
	done
	for word in $text; do
		printf '%s\n' "${word//[[:space:]]/}"
	done
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
		case $arg in
		FILE) mapfile -t candidates < <(compgen -f -- "$value") ;;
		DIR) mapfile -t candidates < <(compgen -d -- "$value") ;;
		LANG) mapfile -t candidates < <(compgen -W "$(_redline_langs "$bin")" -- "$value") ;;
		REV) mapfile -t candidates < <(compgen -W "$(git -C "$dir" for-each-ref \
			--format='%(refname:short)' refs/heads refs/tags 2>/dev/null) HEAD" -- "$value") ;;
		*) mapfile -t candidates < <(compgen -W "$(_redline_values "$help")" -- "$value") ;;
		esac
		candidates=("${candidates[@]/#/$name=$head}")
	elif [[ $cur == -* ]]; then
		mapfile -t candidates < <(compgen -W "$(_redline_options "$bin" "$cmd" | cut -f1)" -- "$cur")
	elif [[ $cur == *:* ]]; then
		mapfile -t candidates < <(_redline_documents "$dir" "${cur%%:*}" "${cur#*:}")
	else
		compopt -o filenames 2>/dev/null
		mapfile -t candidates < <(compgen -f -- "$cur")
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
