# synthetic: the demo tree `ninep serve` serves when given no directory, through the kernel's
# client: files a program publishes (static, computed at each open, a control file, a stream
# whose reads wait for data), and a read blocked in the server that a signal ends, which makes
# the kernel send Tflush and wait for its Rflush.
check synth.static 'grep -q "memory of a ninep server" "$MNT/README"'
check synth.computed_each_open '[ -n "$(cat "$MNT/time")" ] && [ "$(stat -c %s "$MNT/time")" -eq 0 ]'
# (Linux's client goes on reading until the buffer of a read(2) is full or a read returns 0, so
# read a stream in records of the size expected: dd bs=10 is one read of 10 bytes)
# The writer stops as soon as the reader has its record, so nothing arrives during the next
# check: a fatal signal that lands between two Treads of one read(2) can leave the 6.1 client
# waiting for ever without sending Tflush (p9_client_rpc clears TIF_SIGPENDING on entry).
check synth.control_feeds_stream 'rm -f /tmp/synth.got; (for i in 1 2 3 4 5 6 7 8; do sleep 1; [ -e /tmp/synth.got ] && break;
	echo ping > "$MNT/ctl"; done) & writer=$!; got="$(dd if="$MNT/events" bs=10 count=1 2>/dev/null)"; touch /tmp/synth.got;
	wait $writer; [ "$got" = "ctl: ping" ]'
# cat blocks in a read the server cannot answer; timeout's SIGTERM interrupts it, the kernel
# flushes the read. Without an Rflush cat would hang until the SIGKILL 20 s later.
check synth.flush_of_a_blocked_read 't0=$(cut -d" " -f1 /proc/uptime); timeout -k 20 2 cat "$MNT/events" >/dev/null || true;
	t1=$(cut -d" " -f1 /proc/uptime); echo "took $t0 -> $t1"; awk -v a="$t0" -v b="$t1" "BEGIN { exit !(b - a < 15) }"'
check synth.works_after_the_flush 'echo again > "$MNT/ctl" && ls "$MNT" | grep -q events'
check synth.scratch_is_writable 'echo data > "$MNT/scratch/f.$$" && [ "$(cat "$MNT/scratch/f.$$")" = data ] && rm "$MNT/scratch/f.$$"'
check_fails synth.readme_is_not_a_directory 'ls "$MNT/README/x"'
