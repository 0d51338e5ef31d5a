"""Drives the distill C# kernel with Debian's jupyter_client and nbclient (run by JupyterKernelTests).

usage: kernel_client.py KERNEL_NAME NOTEBOOK_IN NOTEBOOK_OUT KERNEL_LOG
Prints one "ok <check>" line per passed check and "timing <name> <seconds>"; exits non-zero on the first failure.
"""
import os
import queue
import sys
import time

import nbclient
import nbformat
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

kernel_name, notebook_in, notebook_out, kernel_log = sys.argv[1:5]


def check(condition, message):
    if not condition:
        print("FAILED " + message, flush=True)
        raise SystemExit(1)
    print("ok " + message, flush=True)


def run(kc, code, timeout=60):
    """Executes code; returns (reply content, iopub messages of this request)."""
    msg_id = kc.execute(code)
    messages = []
    deadline = time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
    return reply["content"], messages


def of_type(messages, msg_type):
    return [m["content"] for m in messages if m["msg_type"] == msg_type]


started = time.time()
km = KernelManager(kernel_name=kernel_name)
# The kernel's output goes to a file: inheriting this script's pipes would keep them open after a failure.
log = open(kernel_log, "w")
km.start_kernel(stdout=log, stderr=log)
try:
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    print(f"timing kernel_ready {time.time() - started:.2f}", flush=True)

    t = time.time()
    reply, messages = run(kc, 'var x = 20;\nConsole.WriteLine("hello");\nx * 2')
    print(f"timing first_cell {time.time() - t:.2f}", flush=True)
    check(reply["status"] == "ok", "execute_reply ok")
    states = [m["content"]["execution_state"] for m in messages if m["msg_type"] == "status"]
    check(states[0] == "busy" and states[-1] == "idle", f"status busy then idle ({states})")
    check(of_type(messages, "execute_input")[0]["code"].startswith("var x"), "execute_input echoes the code")
    check(any(s["name"] == "stdout" and "hello" in s["text"] for s in of_type(messages, "stream")), "stream stdout")
    result = of_type(messages, "execute_result")
    check(result and result[0]["data"]["text/plain"] == "40" and result[0]["execution_count"] == reply["execution_count"], "execute_result 40")

    reply, messages = run(kc, 'using Microsoft.Data.Analysis;\ndisplay(new DataFrame(new PrimitiveDataFrameColumn<int>("n", new[] { 1, 2 })));')
    html = [d["data"].get("text/html", "") for d in of_type(messages, "display_data")]
    check(html and "<table" in html[0], "display_data DataFrame as HTML table")

    reply, messages = run(kc, 'Console.WriteLine("partial");\nthrow new InvalidOperationException("boom");')
    check(reply["status"] == "error" and reply["ename"] == "InvalidOperationException", f"error reply for a throwing cell ({reply.get('ename')})")
    check(of_type(messages, "error") and of_type(messages, "error")[0]["evalue"] == "boom", "error on iopub")
    reply, messages = run(kc, "x + 1")
    check(reply["status"] == "ok" and of_type(messages, "execute_result")[0]["data"]["text/plain"] == "21", "kernel alive after an exception")

    reply, messages = run(kc, "var y = notDefined;")
    check(reply["status"] == "error" and reply["ename"] == "CompilationError" and "CS0103" in "\n".join(reply["traceback"]), "compile error reply")

    kc.is_complete("for (var i = 0; i < 3; i++) {")
    check(kc.get_shell_msg(timeout=30)["content"]["status"] == "incomplete", "is_complete: open brace is incomplete")
    kc.is_complete("var z = 1;")
    check(kc.get_shell_msg(timeout=30)["content"]["status"] == "complete", "is_complete: statement is complete")

    code = "x.ToStr"
    kc.complete(code, len(code))
    content = kc.get_shell_msg(timeout=30)["content"]
    check("ToString" in content["matches"] and content["cursor_start"] == 2 and content["cursor_end"] == len(code), f"complete member ({content['matches'][:5]})")
    code = "Consol"
    kc.complete(code, len(code))
    check("Console" in kc.get_shell_msg(timeout=30)["content"]["matches"], "complete name in scope")
    kc.inspect("x", 1)
    content = kc.get_shell_msg(timeout=30)["content"]
    check(content["found"] and "int" in content["data"]["text/plain"], f"inspect ({content['data']})")

    # A message signed with the wrong key must be dropped: no reply, and the kernel keeps serving.
    bad = Session(key=b"not-the-key", session=kc.session.session)
    bad.send(kc.shell_channel.socket, "execute_request", content={"code": 'Console.WriteLine("forged")', "silent": False})
    try:
        kc.get_shell_msg(timeout=1.5)
        forged_reply = True
    except queue.Empty:
        forged_reply = False
    check(not forged_reply, "badly signed request gets no reply")
    reply, _ = run(kc, "1")
    check(reply["status"] == "ok", "kernel serves after a badly signed request")

    for code, label in [("await Task.Delay(60_000, CancellationToken);", "cooperative"), ("System.Threading.Thread.Sleep(60_000);", "stubborn")]:
        t = time.time()
        msg_id = kc.execute(code)
        time.sleep(1.0)
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=30)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = kc.get_shell_msg(timeout=30)
        check(reply["content"]["status"] == "error" and reply["content"]["ename"] == "Interrupted" and time.time() - t < 15,
              f"interrupt stops a {label} long cell ({time.time() - t:.1f} s)")
    reply, messages = run(kc, "x")
    check(reply["status"] == "ok", "kernel serves after interrupts")

    t = time.time()
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=60)
    reply, messages = run(kc, "x")
    check(reply["status"] == "error" and "CS0103" in "\n".join(reply["traceback"]), "restart gives a fresh session")
    print(f"timing restart {time.time() - t:.2f}", flush=True)

    process = km.provisioner.process
    kc.stop_channels()
    t = time.time()
    km.shutdown_kernel(now=False)
    check(process.poll() == 0, f"shutdown: kernel exited by itself with code 0 ({process.poll()})")
    print(f"timing shutdown {time.time() - t:.2f}", flush=True)
finally:
    if km.has_kernel and km.is_alive():
        km.shutdown_kernel(now=True)

t = time.time()
nb = nbformat.read(notebook_in, as_version=4)
nbclient.NotebookClient(nb, kernel_name=kernel_name, timeout=120, resources={"metadata": {"path": os.path.dirname(os.path.abspath(notebook_in))}}).execute()
nbformat.write(nb, notebook_out)
print(f"timing nbclient {time.time() - t:.2f}", flush=True)
check(True, "nbclient executed the notebook")
