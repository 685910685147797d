import pytest
from tests.conftest import as_member
from tests.test_whole_messages import status

HIKE = "秋季登山活动"

W = ["谁说我要撤回登山的报名了？", "撤回登山报名才怪", "撤回你个头", "撤回是不可能撤回的", "要是下雨的话就取消登山的报名",
     "我老公想让我取消登山，我才不听", "取消登山？想得美", "别取消我登山的报名", "千万不要取消登山", "不用取消登山了",
     "我同事取消了登山的报名", "取消登山的报名会扣分吗？", "如果我取消登山会怎样", "不取消", "登山我不退"]

@pytest.mark.parametrize("w", W)
def test_w(school, w):
    chat = as_member(school, "1008")
    chat.say("报名登山"); assert "报名成功" in chat.say("是")
    r = chat.say(w)
    print("\nW", w, "->", r[:80].replace("\n"," "), "| status", status(school, "1008", HIKE))

Y = ["确认个屁", "确认？我呸", "我确认我不去", "确认不去", "不确认", "确认不了", "确认什么确认", "你确认吗", "确定不了",
     "好的我再想想", "是……算了吧", "是不可能的", "下次吧，确认", "确认，不过是替张伟问的", "嗯哼，不去", "确认我没空",
     "行吧……不行", "确认一下有没有名额"]

@pytest.mark.parametrize("y", Y)
def test_y(school, y):
    chat = as_member(school, "1010")
    assert "确认报名「乒乓球友谊赛」" in chat.say("报名乒乓球")
    r = chat.say(y)
    print("\nY", y, "->", r[:80].replace("\n"," "), "| status", status(school, "1010", "乒乓球友谊赛"))
