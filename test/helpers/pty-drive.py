"""Drives an interactive program through a pseudo-terminal: waits for each prompt text, then
types the answer. Usage: pty-drive.py <steps.json> <program> [args...]; prints the screen text
(ANSI sequences stripped) and exits with the program's exit code."""
import fcntl, json, os, pty, re, select, struct, sys, termios, time

steps = json.load(open(sys.argv[1]))
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
# A real size: some prompt libraries misbehave on a 0x0 terminal.
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 50, 200, 0, 0))
log = b''

def read_until(text, timeout):
    global log
    seen = b''
    end = time.time() + timeout
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        seen += chunk
        log += chunk
        if text is not None and text.encode() in seen:
            return True
    return False

for prompt, answer in steps:
    if not read_until(prompt, 60):
        sys.stdout.write('pty-drive: no prompt "%s"\n' % prompt)
        break
    time.sleep(0.3)
    os.write(fd, answer.encode())
read_until(None, 0)
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    log += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(re.sub(r'\x1b\[[0-9;?]*[A-Za-z]', '', log.decode(errors='replace')))
sys.exit(os.waitstatus_to_exitcode(status))
