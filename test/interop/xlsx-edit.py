"""Edits cells of a workbook in LibreOffice Calc (Python-UNO, headless) and saves it as .xlsx again,
as a person would: `python3 xlsx-edit.py IN.xlsx OUT.xlsx PROFILE_URL Sheet!A1=value ...`.
A value that reads as a number is entered as a number, anything else as text."""
import subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

src, dst, profile, *edits = sys.argv[1:]
pipe = "piaoxlsx%d" % int(time.time() * 1000 % 100000)
office = subprocess.Popen(["soffice", "--headless", "--norestore", "--invisible", "-env:UserInstallation=" + profile,
                           "--accept=pipe,name=%s;urp;" % pipe])
try:
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    for _ in range(120):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.5)
    else:
        sys.exit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
    for edit in edits:
        where, value = edit.split("=", 1)
        sheet, cell = where.split("!")
        c = doc.Sheets.getByName(sheet).getCellRangeByName(cell)
        try:
            c.setValue(float(value.replace(",", ".")))
        except ValueError:
            c.setString(value)
    doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.kill()
