# listening.sh — sourced by the scripts that start pacta-serve (or bench's
# serve_ceiling) on port 0 and must learn where it listens, then load it
# with wrk.
#
# await_url ERRFILE PID TRIES: waits until the server's "listening on URL"
# line is in ERRFILE, looking every 0.05 s at most TRIES times while
# process PID lives; prints URL (http://127.0.0.1:PORT), or returns 1.
await_url() {
	i=0
	until grep -qs "listening on" "$1"; do
		i=$((i + 1))
		if [ "$i" -gt "$3" ] || ! kill -0 "$2" 2>/dev/null; then
			return 1
		fi
		sleep 0.05
	done
	sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$1" | head -n 1
}

# wrk_post LUA BODY [TYPE]: writes to LUA the wrk script that POSTs the
# file BODY (read when wrk starts) with Content-Type TYPE
# (application/json by default).
wrk_post() {
	cat > "$1" <<EOF
wrk.method = "POST"
wrk.body = io.open("$2"):read("*a")
wrk.headers["Content-Type"] = "${3:-application/json}"
EOF
}
