"""A believable demo school: ~40 members, the union's usual activities, a checkup.

Dates are relative to the clock, so the demo always has something coming up and one teacher whose
birthday is today.
"""

from __future__ import annotations

import datetime as dt

from storage import Store

SIM_PREFIX = "sim-"  # simulator openids: sim-<工号>

# 工号, 姓名, 性别, 出生日期, 生日历法, 闰月, 工会小组, 状态, 角色
MEMBERS = [
    ("1001", "张伟", "男", "1982-03-14", "公历", "否", "数学组", "在职", "工会委员"),
    ("1002", "王芳", "女", "1986-11-02", "公历", "否", "语文组", "在职", "管理员"),
    ("1003", "李娜", "女", "1990-03-08", "公历", "否", "英语组", "在职", "会员"),
    ("1004", "刘洋", "男", "1988-08-15", "农历", "否", "体艺组", "在职", "会员"),
    ("1005", "陈静", "女", "1979-01-01", "公历", "否", "语文组", "在职", "工会委员"),
    ("1006", "杨磊", "男", "1992-07-21", "公历", "否", "理化生组", "在职", "会员"),
    ("1007", "赵敏", "女", "1987-04-30", "农历", "是", "数学组", "在职", "会员"),
    ("1008", "黄勇", "男", "1975-10-01", "公历", "否", "行政后勤组", "在职", "会员"),
    ("1009", "周婷", "女", "1994-09-10", "公历", "否", "英语组", "在职", "会员"),
    ("1010", "吴刚", "男", "1983-05-05", "公历", "否", "体艺组", "在职", "会员"),
    ("1011", "徐丽", "女", "1985-12-25", "公历", "否", "理化生组", "在职", "会员"),
    ("1012", "孙强", "男", "1980-02-29", "公历", "否", "数学组", "在职", "会员"),
    ("1013", "马兰", "女", "1991-06-18", "农历", "否", "语文组", "在职", "会员"),
    ("1014", "朱军", "男", "1978-08-08", "公历", "否", "行政后勤组", "在职", "会员"),
    ("1015", "胡静怡", "女", "1996-01-30", "农历", "否", "英语组", "在职", "会员"),
    ("1016", "郭涛", "男", "1989-03-03", "公历", "否", "理化生组", "在职", "会员"),
    ("1017", "何雪", "女", "1993-12-12", "公历", "否", "体艺组", "在职", "会员"),
    ("1018", "高峰", "男", "1984-07-07", "公历", "否", "数学组", "在职", "会员"),
    ("1019", "林晓燕", "女", "1987-02-14", "公历", "否", "语文组", "在职", "会员"),
    ("1020", "罗斌", "男", "1981-11-11", "公历", "否", "英语组", "在职", "会员"),
    ("1021", "梁红", "女", "1990-10-20", "公历", "否", "理化生组", "在职", "会员"),
    ("1022", "宋健", "男", "1986-04-04", "公历", "否", "体艺组", "在职", "会员"),
    ("1023", "郑秀英", "女", "1977-05-20", "公历", "否", "行政后勤组", "在职", "会员"),
    ("1024", "张三", "男", "1990-06-01", "公历", "否", "数学组", "在职", "会员"),
    ("1025", "谢婷婷", "女", "1995-08-08", "公历", "否", "语文组", "在职", "会员"),
    ("1026", "韩冬", "男", "1983-12-22", "公历", "否", "英语组", "在职", "会员"),
    ("1027", "唐宁", "女", "1988-09-09", "农历", "否", "理化生组", "在职", "会员"),
    ("1028", "冯浩", "男", "1991-01-15", "公历", "否", "体艺组", "在职", "会员"),
    ("1029", "曹雪梅", "女", "1984-06-06", "公历", "否", "数学组", "在职", "会员"),
    ("1030", "彭亮", "男", "1979-09-19", "公历", "否", "行政后勤组", "在职", "会员"),
    ("2001", "王建国", "男", "1956-09-09", "农历", "否", "退休组", "退休", "会员"),
    ("2002", "李秀兰", "女", "1958-03-08", "公历", "否", "退休组", "退休", "会员"),
    ("2003", "张桂芝", "女", "1955-12-30", "农历", "否", "退休组", "退休", "会员"),
    ("2004", "刘德华", "男", "1957-07-01", "公历", "否", "退休组", "退休", "会员"),
    ("2005", "陈玉珍", "女", "1960-10-10", "公历", "否", "退休组", "退休", "会员"),
    ("2006", "杨振华", "男", "1954-05-04", "公历", "否", "退休组", "退休", "会员"),
    ("2007", "赵淑芬", "女", "1959-01-20", "公历", "否", "退休组", "退休", "会员"),
    ("2008", "周志明", "男", "1953-08-01", "公历", "否", "退休组", "退休", "会员"),
    ("3001", "钱多多", "女", "1993-04-01", "公历", "否", "语文组", "离职", "会员"),
]
# The demo console's accounts (made only for a demo configuration): username, password, role, 工号.
CONSOLE_ACCOUNTS = [("admin", "demo-admin-2026", "管理员", "1002"), ("weiyuan", "demo-weiyuan-2026", "工会委员", "1001"),
                    ("zhuxi", "demo-zhuxi-2026", "查看", "")]
BIRTHDAY_TODAY = "1009"  # 周婷: her 出生日期 is moved to today's month/day at seed time


def seed(store: Store, clock) -> dict[str, int]:
    today = clock.today()
    now = clock.now().replace(second=0, microsecond=0)
    stamp = now.isoformat(timespec="seconds")
    with store.transaction():
        for staff_no, name, gender, birth, cal, leap, group, status, role in MEMBERS:
            if staff_no == BIRTHDAY_TODAY:
                year = int(birth[:4])
                day = today.day if not (today.month == 2 and today.day == 29) else 28
                birth = f"{year:04d}-{today.month:02d}-{day:02d}"
            member = store.members.upsert(
                staff_no=staff_no, name=name, gender=gender, birth_date=birth, birth_calendar=cal,
                birth_leap=int(leap == "是"), phone=f"139{int(staff_no):08d}", group_name=group,
                status=status, role=role,
            )
            if status != "离职":
                store.bindings.bind("wechat", SIM_PREFIX + staff_no, member.id)
                store.bindings.bind("cli", staff_no, member.id)

        def at(days: int, hour: int, minute: int = 0) -> str:
            t = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour, minute))
            return t.strftime("%Y-%m-%d %H:%M")

        activities = [
            ("教职工拔河比赛", "拔河", at(9, 15, 30), "学校操场", 60, at(6, 17), "all", "每个工会小组组队参加，欢迎加油助威"),
            ("乒乓球友谊赛", "乒乓球", at(12, 16), "体育馆二楼", 16, at(9, 17), "all", "单打，自带球拍亦可"),
            ("卡拉OK歌唱比赛", "卡拉OK", at(20, 18, 30), "学术报告厅", 30, at(15, 17), "all", "可独唱或合唱"),
            ("秋季登山活动", "出游", at(16, 8), "学校南门集合", 45, at(10, 17), "all", "包车往返，请穿运动鞋"),
            ("教师读书会", "读书会", at(5, 16, 30), "图书馆三楼", 20, at(4, 12), "all", "本期共读《给教师的建议》"),
            ("羽毛球联谊赛", "羽毛球", at(3, 16), "体育馆一楼", 2, at(2, 12), "all", "名额很少，先到先得"),
            ("女教职工插花沙龙", "三八节", at(25, 15), "工会活动室", 25, at(20, 17), "female", "三八节主题活动"),
            ("重阳敬老座谈会", "重阳节", at(30, 9, 30), "老干部活动室", 40, at(26, 17), "retired", "退休教师茶话会"),
            ("数学组趣味运动会", "运动会", at(8, 15, 30), "小操场", 15, at(6, 12), "group:数学组", "数学组内部活动"),
        ]
        for title, kind, starts, place, cap, deadline, audience, notes in activities:
            store.db.execute(
                "INSERT INTO activities (title, kind, starts_at, place, capacity, deadline, audience, notes, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (title, kind, starts, place, cap, deadline, audience, notes, stamp),
            )
        checkups = [
            ("教职工年度体检", 14, 16, "市第一人民医院体检中心", "all", "请空腹（前一晚 22 点后禁食），携带身份证。"),
            ("女职工妇女病普查", 14, 16, "市妇幼保健院", "female", "与年度体检同期，妇科检查请避开经期。"),
        ]
        for title, start, end, place, audience, notes in checkups:
            store.db.execute(
                "INSERT INTO checkups (title, start_date, end_date, place, audience, notes, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (title, (today + dt.timedelta(days=start)).isoformat(), (today + dt.timedelta(days=end)).isoformat(),
                 place, audience, notes, stamp),
            )
    return {"会员 members": len(MEMBERS), "活动 activities": len(activities), "体检 checkups": len(checkups)}
