#!/usr/bin/python3
"""LibreOffice Writer accepting or rejecting all tracked changes of DOCX files, through Python-UNO.

Usage: tracked-changes.py PROFILE_DIR JOB...   where a JOB is MODE:IN.docx:OUT.txt, MODE one of accept,
reject, none. Starts one headless soffice with a private profile, and for each job opens IN hidden, runs
Writer's own "Accept All" / "Reject All" (.uno:AcceptAllTrackedChanges / .uno:RejectAllTrackedChanges),
and stores the text as UTF-8 (one paragraph a line, table cells included). Prints the number of tracked
changes each document had before, as JOB<TAB>COUNT. Needs the Debian package python3-uno.
"""
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    profile, jobs = sys.argv[1], sys.argv[2:]
    pipe = "piao" + uuid.uuid4().hex
    office = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
        "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
        "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
    ])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(120):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                if office.poll() is not None:
                    raise SystemExit("soffice ended before accepting connections")
                time.sleep(0.5)
        if ctx is None:
            raise SystemExit("could not connect to soffice")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for job in jobs:
            mode, src, dst = job.split(":", 2)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
            count = doc.getRedlines().createEnumeration()
            n = 0
            while count.hasMoreElements():
                count.nextElement()
                n += 1
            frame = doc.getCurrentController().getFrame()
            if mode == "accept":
                dispatcher.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
            elif mode == "reject":
                dispatcher.executeDispatch(frame, ".uno:RejectAllTrackedChanges", "", 0, ())
            left = doc.getRedlines().createEnumeration().hasMoreElements()
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
            doc.close(True)
            print("%s\t%d\t%s" % (job, n, "left" if left else "none left"), flush=True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with soffice
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
