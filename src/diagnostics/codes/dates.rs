//! D2xx: the date checks — dates that do not exist, phases, deadlines, years.

use super::CodeInfo;
use crate::diagnostics::Severity;

pub(super) const DATES: &[CodeInfo] = &[
    CodeInfo {
        code: "D201",
        severity: Severity::Error,
        title: "日期不存在",
        explanation: "日历上没有这一天，例如4月31日、6月31日，或非闰年的2月29日；月份不在1至12之间、季度不在第一至第四季度之间也属此类。\
            有的排期工具会把2023年6月31日悄悄顺延成7月1日，policyc 不这样做：\
            不存在的日期照原文保留，不参与阶段、期限的比较，并在这里报告。\
            没有写年份的日期按上下文（阶段、方案期限、成文日期）取年份，提示中会说明所取的年份。\
            请核对原文，改为实际的日期。",
        fires: include_str!("../../../tests/fixtures/checks/D201-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D201-silent.policy"),
    },
    CodeInfo {
        code: "D202",
        severity: Severity::Warning,
        title: "日期无法读取",
        explanation: "这里的时间读不出日期，例如成文日期印成了“2022511”。\
            只由数字组成的“日期”一定是印错了，按错误报告，并在能唯一确定时给出可能的读法（2022511 只能是2022年5月11日）；\
            其余含数字却读不成日期的写法按警告报告，它可能是笔误，也可能是本语言尚不支持的写法；\
            几个时间写在一起的（2022年6月、2023年6月）人读得懂，只作提示。\
            不含数字的时限（长期坚持、持续推进）和周期性的时限（每年10月底前）不是写错的日期，不报告。",
        fires: include_str!("../../../tests/fixtures/checks/D202-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D202-silent.policy"),
    },
    CodeInfo {
        code: "D203",
        severity: Severity::Error,
        title: "时间段结束早于开始",
        explanation: "时间段的结束日期早于开始日期，例如“2022年12月1日-2022年11月30日”。\
            通常是两端写反，或者年份、月份写错。\
            结束日期没有写年份、按开始日期的年份读时早于开始的，会读作跨年（见 D204），不在此报告；\
            只有按次年读也不成立时，才在此报告。",
        fires: include_str!("../../../tests/fixtures/checks/D203-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D203-silent.policy"),
    },
    CodeInfo {
        code: "D204",
        severity: Severity::Note,
        title: "时间段隐含跨年",
        explanation: "时间段的结束日期没有写年份，且早于开始日期，例如“11月20日—2月10日”：\
            这只能理解为跨入次年，policyc 按此理解，并在提示中写明所取的完整起止日期（2022年11月20日至2023年2月10日）。\
            供暖季等时间段跨年是常见的，这只是提示：请确认这一理解与原意相符，\
            最好在原文中写明结束日期的年份。",
        fires: include_str!("../../../tests/fixtures/checks/D204-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D204-silent.policy"),
    },
    CodeInfo {
        code: "D205",
        severity: Severity::Warning,
        title: "相邻阶段重叠或次序颠倒",
        explanation: "方案中前后相邻的两个阶段应当前后衔接：后一阶段从前一阶段结束的当天或之后开始。\
            后一阶段在前一阶段结束之前就开始，或者排在后面的阶段整体早于前一阶段，都按警告报告，并给出重叠的天数和日期；\
            排在后面的阶段开始和结束都早于前一阶段（（一）3月10日—4月30日、（二）3月1日—4月10日），即使两者重叠，也按次序颠倒报告。\
            日期按所写的精度理解：只要后一阶段可以在前一阶段结束的当天或之后开始，就不算重叠，\
            例如共用交界的那一天（3月15日）或那一个月（3月—6月、6月—9月），\
            或者“5月11日—5月31日”之后写作“5月—11月”。\
            没有写年份的阶段若按次年读就能衔接（跨年的方案），不报告。\
            一个阶段伸进更后面的阶段（组织实施到12月31日，而12月有两个验收阶段）也报告，与它重叠的每个后续阶段各报告一次。\
            若两个阶段本来就同时进行，可忽略本警告。",
        fires: include_str!("../../../tests/fixtures/checks/D205-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D205-silent.policy"),
    },
    CodeInfo {
        code: "D206",
        severity: Severity::Warning,
        title: "超出方案期限",
        explanation: "方案的阶段落在方案期限之外，例如期限是2022年，检查验收阶段却安排在2023年1月。\
            只有方案写了期限时才检查；阶段中的步骤、节点和任务与所属阶段比较（见 D207），\
            阶段没有可用日期时才与方案期限比较。\
            不在阶段中的节点和任务时限多是目标（如2021年的方案写“到2023年清洁取暖率达到100%”），不与方案期限比较。\
            没有写年份的日期若按次年读就在期限之内，不报告。\
            若工作确实延续到期限之后，应同时修改方案期限。",
        fires: include_str!("../../../tests/fixtures/checks/D206-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D206-silent.policy"),
    },
    CodeInfo {
        code: "D207",
        severity: Severity::Warning,
        title: "不在所属阶段内或次序颠倒",
        explanation: "阶段中的步骤、节点和任务时限应落在这个阶段的起止日期之内；\
            同一阶段中先后列出的节点、步骤，后列的不应整体早于先列的，也不应开始和结束都早于先列的\
            （第一步3月10日—3月31日、第二步3月1日—3月20日）；同时开始或一个包含另一个的，是并行的步骤，不报告。\
            标题写明时间、步骤、进度或节点的一节（“六、时间节点”“实施步骤”）中不在阶段里的节点是一条时间线，同样检查次序；\
            其他不在阶段中的节点（工作目标中列出的时间要求）按主题排列，不检查次序。\
            时限（如“10月15日前”）只看截止日期是否在阶段之内。\
            没有写年份的日期若按次年读就成立（跨年的阶段），不报告。\
            请核对日期，或把它移到所属的阶段、按时间先后排列。",
        fires: include_str!("../../../tests/fixtures/checks/D207-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D207-silent.policy"),
    },
    CodeInfo {
        code: "D208",
        severity: Severity::Error,
        title: "年份超出合理范围",
        explanation: "年份不在1900至2200年之间，例如把2022年写成了2202年。\
            这样的年份不可能是实施方案所指的年份，日期不参与任何比较。\
            请核对年份是否多打、少打或颠倒了数字。",
        fires: include_str!("../../../tests/fixtures/checks/D208-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D208-silent.policy"),
    },
    CodeInfo {
        code: "D209",
        severity: Severity::Warning,
        title: "任务时限晚于方案期限",
        explanation: "任务的完成时限晚于方案期限的最后一天；方案没有写期限时，晚于最后一个阶段结束的日子。\
            方案期限是整个方案的时间范围，期限之后完成的任务不在这个方案之内，多半是时限或期限写错了年份或月份。\
            写在有日期的阶段之中的任务与所属阶段比较（见 D207），不在这里报告；节点和不属于任务的目标（到2025年……）不比较。\
            没有写年份的时限若按次年读就在期限之内，不报告。若任务确实延续到期限之后，应同时修改方案期限或阶段安排。",
        fires: include_str!("../../../tests/fixtures/checks/D209-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D209-silent.policy"),
    },
    CodeInfo {
        code: "D210",
        severity: Severity::Note,
        title: "时限早于成文日期",
        explanation: "任务的完成时限或节点的截止日期早于方案（或印发通知）的成文日期：通知印发时，这个时限已经过去了。\
            方案补记印发前已经开展的工作（5月印发、写明4月完成动员部署）是常见的，所以这只是提示；\
            也可能是年份或月份写错了（2024年的方案写成2023年10月底前）。只比较任务的完成时限和写作“……前”的节点，时间段不比较。\
            没有写年份的时限若按次年读就在成文日期之后，不报告。",
        fires: include_str!("../../../tests/fixtures/checks/D210-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D210-silent.policy"),
    },
    CodeInfo {
        code: "D211",
        severity: Severity::Warning,
        title: "年份前后不一致",
        explanation: "同一份文件中应当一致的年份写得不同：发文字号中的年份（〔2022〕）与成文日期的年份；\
            方案标题中的年份（2024年清洁取暖实施方案）与方案期限；印发通知的标题所引的方案（《2025年清洁取暖改造实施方案》）\
            与方案自己的标题（除年份外相同）；任务名称写的是方案期限之外某一年的工作（2025年的方案中“2024年煤改电改造工作”），\
            完成时限却在期限之内。这多半是沿用旧文件时漏改了年份。\
            标题中写了几个年份（2021—2023年）的，只比较与通知所引标题是否一致。两处都照原文保留，请起草单位确认哪一个是对的。",
        fires: include_str!("../../../tests/fixtures/checks/D211-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D211-silent.policy"),
    },
    CodeInfo {
        code: "D212",
        severity: Severity::Error,
        title: "分阶段时限次序颠倒",
        explanation: "一项任务的时限分几个阶段写（6月底前完成50%，11月底前全部完成），\
            后一个阶段的时限却不晚于前一个，例如“11月底前完成50%，6月底前全部完成”。\
            这多半是月份或年份写错。各阶段次序正确时不报告。",
        fires: include_str!("../../../tests/fixtures/checks/D212-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D212-silent.policy"),
    },
    CodeInfo {
        code: "D213",
        severity: Severity::Warning,
        title: "验收早于完工",
        explanation: "验收全部工作的时间（检查验收阶段，或写明“所有”“全部”“全面”“各项”的验收节点、步骤）\
            早于所验收的工作完成的时间，例如“10月15日前完成本年度所有改造工程内部验收”而“10月底前改造工程全面完工”：\
            在工作完成之前不能验收全部工作。只比较同一节（或其中各小节）写的内容：一节的验收不与另一节的完工比较；\
            完成的工作指实施、施工、建设、改造阶段，以及写明完工、竣工、施工完成、全部完成、建成、投入使用的节点、步骤和任务，\
            “全面启动”“开工”不算。写明“本年度”“当年”的验收只与同一年完成的工作比较；两个阶段之间的先后由 D205 判断。\
            若原文的验收只是已完成的一部分，照原文保留，可忽略本警告；否则多半是日期写错，请起草单位核对。",
        fires: include_str!("../../../tests/fixtures/checks/D213-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D213-silent.policy"),
    },
    CodeInfo {
        code: "D214",
        severity: Severity::Note,
        title: "相邻阶段在同一个月交接",
        explanation: "相邻的两个阶段按月份写，后一阶段从前一阶段结束的那个月开始：“动员部署（2020年5月）”之后是“组织实施（2020年5月—12月）”，\
            或“5月11日—5月31日”之后是“5月—11月”。按月份读，后一阶段从这个月月初开始，两个阶段在这个月里重叠；\
            但后一阶段也可能在前一阶段结束之后才开始，按原文无法判断，所以不作为 D205 的警告，只提示核对。\
            若两个阶段在这个月中先后衔接，可写明交接的日期；若本就同时进行，可忽略。前一阶段在这个月以前就结束、\
            后一阶段写明了开始的日子，或两个阶段都以这个月为界（“3月—6月”之后“6月—9月”，通常的写法），不提示。",
        fires: include_str!("../../../tests/fixtures/checks/D214-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D214-silent.policy"),
    },
    CodeInfo {
        code: "D220",
        severity: Severity::Note,
        title: "今年、明年按成文日期读出的年份",
        explanation: "通知常写“今年年底前”“明年6月底前”“去年”：这些年份是相对发文时说的。\
            policyc 按通知的成文日期读出年份（成文日期2024年3月5日，“明年”即2025年；没有“通知”而方案自己写了成文日期时按方案的），并以提示说明读法，\
            以便核对：方案的期限若是另一年，多半是沿用旧文件时漏改，或成文日期有误。\
            通知没有写成文日期时，按方案的年份（期限或标题中的年份）推测，提示中注明这只是推测；请写明成文日期。\
            “年底前”“当年”不带“今、明”时指方案所在的年份，不作提示。",
        fires: include_str!("../../../tests/fixtures/checks/D220-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D220-silent.policy"),
    },
    CodeInfo {
        code: "D221",
        severity: Severity::Warning,
        title: "背景的时间晚于成文日期",
        explanation: "“背景”记下通知所说的以往情况和历年数字（自2017年5月实施以来，到2024年底共计完成改造104828户），\
            它的时间是这些事发生的时间，不是方案的阶段，不与方案期限比较（D206 不判断它）。\
            但已经发生的事不能在成文日期之后才开始：背景的时间从成文日期之后开始，多半是年份写错，或者这其实是方案要做的事，\
            应写作阶段或任务。只比较背景时间的开始：到年底的累计数（“到2024年底”）常在年底前印发，不报告。",
        fires: include_str!("../../../tests/fixtures/checks/D221-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D221-silent.policy"),
    },
    CodeInfo {
        code: "D222",
        severity: Severity::Warning,
        title: "发布日期早于成文日期",
        explanation: "网页转载的通知、政策解读和新闻报道除了文件的成文日期，还有网页或报刊自己的发布日期（`发布日期：`）和来源（`来源：`），\
            两者分别照原文记下。发布不会早于成文：发布日期早于成文日期，多半是其中一个日期抄错了。请按原文核对两个日期。",
        fires: include_str!("../../../tests/fixtures/checks/D222-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D222-silent.policy"),
    },
    CodeInfo {
        code: "D223",
        severity: Severity::Warning,
        title: "解读文件与方案标题不同",
        explanation: "政策解读写明了它解读的文件（`解读文件：《……》`），文件中的方案却没有这个标题，也没有这个简称（`简称：《方案》`）。\
            多半是解读页面沿用了旧文件的标题（年份、地名不同），或方案标题抄错。比较时不计书名号。\
            通知以“（以下称《方案》）”给方案起了简称时，在方案中写 `简称：《方案》`，解读文件写简称也不报告。",
        fires: include_str!("../../../tests/fixtures/checks/D223-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D223-silent.policy"),
    },
    CodeInfo {
        code: "D224",
        severity: Severity::Note,
        title: "跨年的期限中未写年份的时间",
        explanation: "通知常只写“10月底前”“5月—11月”，年份要从上下文读出：所在阶段或方案的实施期限只在一年之内时，年份是确定的；\
            实施期限或阶段跨了几年（2021-2023年、2022年3月—2023年12月）时，没有写年份的时间可以指其中任何一年。\
            policyc 按所在期限的第一年读（2021-2023年中的“10月底前”读作2021年10月31日前），并以提示说明读法，\
            以便核对：若指的是另一年，请写明年份。所在阶段写明了年份且在一年之内、时间自己写了年份，或前一端写了年份（“2022年3月2日-3月15日”），不提示。",
        fires: include_str!("../../../tests/fixtures/checks/D224-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/D224-silent.policy"),
    },
];
