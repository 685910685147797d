"""The flat <xml> documents WeChat and WeCom send are read without xmltodict (issue 23, fourteenth round):
whatever the fast reading returns is what xmltodict returns, and whatever xmltodict refuses or reads
differently (a list, nesting, attributes, entities) the fast reading leaves to it."""

from __future__ import annotations

import xmltodict
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.base import WebhookError, flat_xml, parse_xml
from bot.channels.wechat_mp import text_message_xml


def xmltodict_reads(text: str):
    try:
        doc = xmltodict.parse(text, disable_entities=True)
    except Exception:
        return "refused"
    return doc.get("xml") if isinstance(doc, dict) else None


def test_a_wechat_text_message_is_read_as_xmltodict_reads_it():
    text = text_message_xml("ob-1", "gh_x", "  最近有什么活动\r\n第二行 ]] > &amp; <b> ", "1234", 1764720000)
    assert flat_xml(text) == xmltodict_reads(text) == {
        "ToUserName": "gh_x", "FromUserName": "ob-1", "CreateTime": "1764720000", "MsgType": "text",
        "Content": "最近有什么活动\n第二行 ]] > &amp; <b>", "MsgId": "1234"}


def test_what_is_not_flat_is_left_to_xmltodict():
    for text in ["<xml><A>1</A><A>2</A></xml>",  # a list
                 "<xml><A><![CDATA[a]]]]><![CDATA[>b]]></A></xml>",  # our own cdata() of ']]>'
                 "<xml><A>a]]>b</A></xml>",  # not XML
                 "<xml><A>&lt;</A></xml>", "<xml><A x='1'>v</A></xml>", "<xml><A><B>1</B></A></xml>",
                 '<?xml version="1.0"?><xml><A>1</A></xml>', "<xml></xml>", "<xml> x <A>1</A></xml>",
                 "<xml><A>\x01</A></xml>", "<xml><A>1</A></xml>junk", "<xml><A>1</B></xml>"]:
        assert flat_xml(text) is None, text
    assert parse_xml("<xml><A>1</A><A>2</A></xml>") == {"A": ["1", "2"]}
    for bad in ["<xml><A>a]]>b</A></xml>", "<xml><A>\x01</A></xml>", "<xml><A>1</B></xml>"]:
        try:
            parse_xml(bad)
        except WebhookError as exc:
            assert exc.status == 400
        else:
            raise AssertionError(bad)


# mostly what the fast reading reads, sometimes what it must leave alone
NAMES = st.sampled_from(["ToUserName", "Content", "MsgId", "A", "a_1", "_x"] * 3 + ["x-y", "1a", "Ä"])
SAFE = list("ab 你\t\r\n>;![CDATA\u3000")
VALUES = st.text(alphabet=st.sampled_from(SAFE), max_size=12) | \
    st.text(alphabet=st.sampled_from(SAFE + list("]&<\x01\x0b\ufffe")), max_size=12)
SPACE = st.sampled_from(["", " ", "\n", "\r\n", "\t"] * 3 + ["\u3000", "x"])


@st.composite
def documents(draw) -> str:
    children = []
    for _ in range(draw(st.integers(0, 4))):
        name, value = draw(NAMES), draw(VALUES)
        form = draw(st.sampled_from(["text", "cdata", "escaped", "empty"]))
        inner = {"text": value, "cdata": f"<![CDATA[{value}]]>",
                 "escaped": value.replace("&", "&amp;").replace("<", "&lt;"), "empty": ""}[form]
        children.append(draw(SPACE) + f"<{name}>{inner}</{name}>")
    return draw(st.sampled_from(["<xml>"] * 6 + [" <xml>", "<xml >"])) + "".join(children) + draw(SPACE) + "</xml>" + \
        draw(st.sampled_from(["", "\n"] * 3 + [" x"]))


@settings(max_examples=600, deadline=None)
@given(text=documents())
def test_the_fast_reading_agrees_with_xmltodict_whenever_it_reads(text):
    fast = flat_xml(text)
    if fast is not None:
        assert fast == xmltodict_reads(text)


@settings(max_examples=300, deadline=None)
@given(children=st.dictionaries(st.sampled_from(["ToUserName", "Content", "MsgId", "A", "a_1", "_x"]),
                                st.tuples(st.text(alphabet=st.sampled_from(SAFE), max_size=12), st.booleans()),
                                min_size=1),
       space=st.sampled_from(["", "\n", "\r\n  "]))
def test_a_flat_document_is_read_fast_and_the_same(children, space):
    text = "<xml>" + "".join(f"{space}<{k}>{'<![CDATA[' + v + ']]>' if cdata else v}</{k}>"
                             for k, (v, cdata) in children.items()) + space + "</xml>" + space
    assert flat_xml(text) is not None
    assert flat_xml(text) == xmltodict_reads(text)
