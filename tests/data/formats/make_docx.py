"""Make the DOCX test documents with python-docx (pip install python-docx==1.2.0).

    python3 tests/data/formats/make_docx.py

drift/policy.docx is drift/policy.txt as a Word document: headings in heading
styles, the words that drift/policy.md marks in bold in bold runs.
policy-table.docx is the faithful policy of policy.po as a two-column table
(Chinese | English), the way bilingual contracts are often laid out.
"""

import os
import re

import docx

HERE = os.path.dirname(os.path.abspath(__file__))


def add_runs(paragraph, text):
    """Text with **bold** spans as runs, the bold ones in bold."""
    for k, piece in enumerate(re.split(r"\*\*", text)):
        if piece:
            paragraph.add_run(piece).bold = k % 2 == 1


def drift():
    document = docx.Document()
    with open(os.path.join(HERE, "drift", "policy.txt"), encoding="utf-8") as f:
        blocks = [b.strip() for b in f.read().split("\n\n") if b.strip()]
    bold = {"姓名", "电子邮件地址", "电话号码", "name", "e-mail address", "phone number"}
    for block in blocks:
        if len(block) < 30 and not block.endswith(("。", ".")):
            level = 1 if block in ("隐私政策", "Privacy Policy") else 2
            document.add_heading(block, level=level)
            continue
        for word in bold:
            block = block.replace(word, f"**{word}**", 1)
        add_runs(document.add_paragraph(), block)
    document.save(os.path.join(HERE, "drift", "policy.docx"))


def table():
    rows = [
        ("隐私政策", "Privacy Policy"),
        ("当您注册账户时，我们会收集您的姓名、电子邮件地址和电话号码。",
         "We collect your name, e-mail address and phone number when you register an account."),
        ("我们不会向任何第三方出售您的个人信息。",
         "We do not sell your personal information to any third party."),
        ("我们将在您注销账户后30天内删除您的个人信息。",
         "We will delete your personal information within 30 days after you close your account."),
        ("如有任何问题，请发送电子邮件至 privacy@example.com。",
         "If you have any questions, please e-mail privacy@example.com."),
    ]
    document = docx.Document()
    grid = document.add_table(rows=len(rows), cols=2)
    for (zh, en), row in zip(rows, grid.rows):
        row.cells[0].text = zh
        row.cells[1].text = en
    document.save(os.path.join(HERE, "policy-table.docx"))


if __name__ == "__main__":
    drift()
    table()
