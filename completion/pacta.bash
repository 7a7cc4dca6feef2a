# pacta.bash — bash completion for the pacta command: its commands, each
# command's options and their values, and the files each takes (.pacta,
# modules, requests).  `make install` puts it where bash-completion finds
# it (share/bash-completion/completions/pacta); tests/workbench/run.sh
# sources it and completes.  Keep it true to compiler/main.c's options.

_pacta_files() {  # _pacta_files GLOB...: files matching, and directories
	local g
	COMPREPLY=()
	for g in "$@"; do
		COMPREPLY+=($(compgen -f -X "!$g" -- "$cur"))
	done
	COMPREPLY+=($(compgen -d -S / -- "$cur"))
	compopt -o nospace -o filenames 2>/dev/null
}

_pacta() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local commands="check lint test eval build explain inspect fmt diff doc keygen lsp serve help"
	local cmd=${COMP_WORDS[1]}
	COMPREPLY=()
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
		return
	fi
	case $prev in
	-I) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	-o | --sign | --trust) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
	--only) COMPREPLY=($(compgen -W "$(pacta lint --list 2>/dev/null | awk '{ print $1 }')" -- "$cur")); return ;;
	--threshold) COMPREPLY=($(compgen -W "50 80 90 100" -- "$cur")); return ;;
	--target) return ;;
	esac
	case $cur in
	--diagnostics=*) COMPREPLY=($(compgen -P --diagnostics= -W "text json sarif" -- "${cur#*=}")); return ;;
	--color=*) COMPREPLY=($(compgen -P --color= -W "auto always never" -- "${cur#*=}")); return ;;
	--format=*) COMPREPLY=($(compgen -P --format= -W "text json junit" -- "${cur#*=}")); return ;;
	esac
	local opts="-I --diagnostics= --color= --help"
	case $cmd in
	check) opts="$opts --no-lint --reciprocity --watch" ;;
	lint) opts="$opts --list --only" ;;
	test) opts="$opts -v --native --coverage --threshold --format= --watch" ;;
	eval) opts="$opts --trace --trust" ;;
	build) opts="$opts -O0 -O1 -O2 -O3 --emit-llvm --emit-obj --target -o --sign" ;;
	explain) opts="$opts --trust --to --keep --json" ;;
	inspect) opts="$opts --trust" ;;
	fmt) opts="$opts -w --check" ;;
	diff) opts="$opts --json --html --exit-code --baseline --by --max-causes --replay --examples" ;;
	serve) opts="--address --port --threads --max-body --max-header --max-connections --max-questions --timeout --drain-timeout --log --log-queue --trust --quiet --help" ;;
	doc) opts="$opts -o" ;;
	help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		[[ ${#COMPREPLY[@]} -eq 1 && $COMPREPLY == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	case $cmd in
	check | lint | test | build | fmt | doc) _pacta_files '*.pacta' ;;
	eval | inspect | diff) _pacta_files '*.pacta' '*.so' ;;
	explain)
		# the module or source, then the request
		local i n=0
		for ((i = 2; i < COMP_CWORD; i++)); do
			[[ ${COMP_WORDS[i]} != -* && ${COMP_WORDS[i-1]} != --trust && ${COMP_WORDS[i-1]} != -I
			   && ${COMP_WORDS[i-1]} != --to && ${COMP_WORDS[i-1]} != --keep ]] && n=$((n + 1))
		done
		if [ $n -eq 0 ]; then _pacta_files '*.pacta' '*.so'; else _pacta_files '*.json' '*.jsonl'; fi ;;
	keygen) COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}
complete -F _pacta pacta
