//! A1xx: the arithmetic checks — sums, shares, ratios, units, rates against budgets, tables.

use super::CodeInfo;
use crate::diagnostics::Severity;

pub(super) const ARITHMETIC: &[CodeInfo] = &[
    CodeInfo {
        code: "A101",
        severity: Severity::Error,
        title: "分解的合计与分项之和不符",
        explanation: "“分解”写明的合计（或被再分解的分项本身）与各分项之和不相等。核对按通知的写法进行：不带“万/亿”、不带小数的计数和金额是精确数，不放宽（五行户数差 3 户就是差 3 户）；带“万/亿”或小数的数按末位四舍五入，例如 2.85万户 表示 2.845万～2.855万户（含下端、不含上端）；约数（约、左右）允许 ±5%，“近、接近”读作略少于所写的数（至多少 5%），“余、多”读作多于所写的数而不到末位数字的下一个单位（3.6万余户 即 3.6万～3.7万户）。只有在各数的取值范围内怎样也凑不出相等时才报告，消息给出写明的合计、算出的和、相差多少以及允许的误差。均为精确数或四舍五入的数时为错误；涉及约数时为警告。原文确实如此，则是通知本身的错误，应请起草单位更正；只有一个分项的分解读作原文的“其中”（如“新增200万平方米，其中农村居民42万平方米”），只在分项大于合计时报告。若原文的“其中”只列了部分分项，就不要写成“分解”。一个写明的数恰是另一个更精确的数截去尾数所得（如 2283.84万元 写作 2283万元，1.2632亿元 写作 1.2亿元），原文多半是截尾而非四舍五入，此时降为警告并注明按四舍五入应写作多少。",
        fires: include_str!("../../../tests/fixtures/checks/A101-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A101-silent.policy"),
    },
    CodeInfo {
        code: "A102",
        severity: Severity::Error,
        title: "表格的合计或小计与各行之和不符",
        explanation: "表格中“合计：”一行的某一列与各“行：”之和不符，或“小计：”一行与它所合计的各行之和不符。逐列核对，只核对数字单元格：空白或“—”按 0 计，某行这一列是文字时这一列不核对。小计合计它前面、上一个小计（或合计）之后的各行；如果第一个小计印在所有数据行之前，则认为小计都印在各自的行上方，合计它后面的各行。表中只有一个合计行时，它合计全部数据行。单位是比率（元/户、元/平方米）或百分比的列，合计行给的是平均数或总的比率而不是和，不核对；只有合计为 100% 的占比列按和核对。误差的算法与 A101 相同：精确的户数不放宽。原文如此，则是表格本身的错误，应请起草单位更正。某一行不满足本表的关系（A103），而它与关系算得的差恰是这一列合计与各行之和的差时，多半是那一格写错了而不是合计：消息注明这一格、按关系应为多少，以及改正后各行之和与写明的合计相符。",
        fires: include_str!("../../../tests/fixtures/checks/A102-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A102-silent.policy"),
    },
    CodeInfo {
        code: "A103",
        severity: Severity::Error,
        title: "表格的一行不满足列之间的关系",
        explanation: "表格写了“关系：”（例如 「2019年未开工户数」 = 「2019年计划改造户数」 - 「2019年已开工户数」），而某一行（包括合计、小计行）的数字不满足它。逐行核对，空白单元格按 0 计，整行都空白或有文字的行不核对。误差的算法与 A101 相同。原文如此，则是表格本身的错误，应请起草单位更正。合计、小计行中关系用到的某一格空着（如补助标准没有合计）时，这一行不按关系核对；数据行的空格按 0 计。",
        fires: include_str!("../../../tests/fixtures/checks/A103-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A103-silent.policy"),
    },
    CodeInfo {
        code: "A104",
        severity: Severity::Error,
        title: "复述的数字与首次写法不一致",
        explanation: "同一个数字在通知的不同地方（后面的章节、投资估算、附件）写法不同，按四舍五入也不可能是同一个数，例如 102万平方米 与 101万平方米（前者表示 101.5万～102.5万，后者表示 100.5万～101.5万，没有共同的值）。写法精度不同而数值一致的不报告，例如 26441户 与 2.64万户。涉及约数时为警告。两处都应照原文保留，并请起草单位确认哪一个是对的。一个写明的数恰是另一个更精确的数截去尾数所得（如 2283.84万元 写作 2283万元，1.2632亿元 写作 1.2亿元），原文多半是截尾而非四舍五入，此时降为警告并注明按四舍五入应写作多少。",
        fires: include_str!("../../../tests/fixtures/checks/A104-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A104-silent.policy"),
    },
    CodeInfo {
        code: "A105",
        severity: Severity::Error,
        title: "核算不成立",
        explanation: "“核算”写出的算式（标准 × 数量 = 资金、分项 ÷ 合计 = 占比、资金 ≤ 总投资 等）按通知中的数算不出来。两边都按各数的取值范围计算：乘除时取端点乘积的最小和最大值；一边只是一个精确数、另一边有乘除时，这个数按其末位取整理解（26441户 × 90% = 23796.9户，写作 23797户 不算错）。“=” 要求两边的范围有共同的值，“≤”“≥” 要求在范围内有满足的取值。单位自动换算（万元、亿元、万平方米）。涉及约数时为警告。若算式并非原文的意思（例如补贴有封顶、只对部分户数适用），请改写核算。一个写明的数恰是另一个更精确的数截去尾数所得（如 2283.84万元 写作 2283万元，1.2632亿元 写作 1.2亿元），原文多半是截尾而非四舍五入，此时降为警告并注明按四舍五入应写作多少。",
        fires: include_str!("../../../tests/fixtures/checks/A105-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A105-silent.policy"),
    },
    CodeInfo {
        code: "A106",
        severity: Severity::Error,
        title: "分项不符合规定的比例",
        explanation: "分解写了“比例”（如 市区两级按 7:3 分担），但各分项的金额在四舍五入的范围内找不到符合该比例的分法；有合计时，合计也要符合。消息给出按比例应得的各分项。比例的项数与分项个数不同时也报告，此时通常应把比例适用的那几个分项写成一个嵌套的分解。各分项恰好符合颠倒过来的比例（规定 7:3，分项是 3:7）时为警告，并照此说明：可能是比例或分项的先后写反了，也可能比例只适用于另一部分资金，按原文无法判断。涉及约数时也为警告。",
        fires: include_str!("../../../tests/fixtures/checks/A106-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A106-silent.policy"),
    },
    CodeInfo {
        code: "A107",
        severity: Severity::Error,
        title: "单位不同的量放在一起计算",
        explanation: "户、平方米、元等是不同的量：户不能与平方米相加，元/户 × 平方米 得到的不是元。分解的分项与合计、复述与首次写法、核算的两边以及表格“关系”的两边都必须是同一种量。万元与亿元、平方米与万平方米、公里与米之间是换算，自动进行。为了与通知的计数习惯一致，个、所、座、处、台、套等计物的量词视为同一种量（“2个乡镇政府……29所中小学……共计167个单位”可以相加），户、人、次仍各是一种量；每年一个采暖季，采暖季与年视为相同（元/平方米·采暖季 × 平方米 × 三年 是金额）。",
        fires: include_str!("../../../tests/fixtures/checks/A107-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A107-silent.policy"),
    },
    CodeInfo {
        code: "A108",
        severity: Severity::Warning,
        title: "占比之和不等于 100%",
        explanation: "分解的各分项都是百分比（各部分所占份额），而它们加起来不是 100%。分项都是占比、合计是一个金额或数量（或没有写合计）时核对；按年度、季度、阶段分的比率可能是逐年累计的目标，不核对。加起来超过 100% 肯定有错，报告为错误；不足 100% 可能只是原文没有列全，报告为警告。误差的算法与 A101 相同：30% 是精确数，33.3% 按末位四舍五入。",
        fires: include_str!("../../../tests/fixtures/checks/A108-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A108-silent.policy"),
    },
    CodeInfo {
        code: "A109",
        severity: Severity::Error,
        title: "核算中除数为零",
        explanation: "“核算”的算式除以一个值为零的数，例如户数写成了 0户，或者一个四舍五入后可能为零的数（如 0.0万户）。除以零没有结果，这个核算无法核对，\
            消息指出作除数的数字。请核对原文：多半是数字漏写或写错；原文确实为零，这个核算就没有意义，应请起草单位更正或删去。",
        fires: include_str!("../../../tests/fixtures/checks/A109-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A109-silent.policy"),
    },
    CodeInfo {
        code: "A110",
        severity: Severity::Error,
        title: "算得的数位数过多，无法核对",
        explanation: "核对时算出的数（“核算”算式的积、和，或分解、表格一列的各项之和）超过了可以精确计算的范围（28 位有效数字，约 7.9 × 10²⁸）。\
            policyc 不做近似计算，所以这一项核对不了，其余核对照常进行。\
            真实通知中的数远小于这个范围，出现时多半是单位或数量级写错了，例如把 亿元 写成 亿亿元，或多打了几位数字。",
        fires: include_str!("../../../tests/fixtures/checks/A110-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A110-silent.policy"),
    },
    CodeInfo {
        code: "A111",
        severity: Severity::Warning,
        title: "倍数与所引的数不符",
        explanation: "“倍数”写明一个数是另一个数的几倍或比它增长了几倍（`倍数：本年改造户数 较 上年改造户数 增长近一倍`），而两个数之比不合这个说法。\
            读法：“增长一倍”“增加一倍”“提高一倍”“翻一番”是原来的 2 倍，“增长两倍”是 3 倍，“是…的两倍”是 2 倍，“翻两番”是 4 倍；\
            “近”“接近”指略少于所说的倍数（至多少 5%），所以“增长近一倍”要求增长 95%～100%：增长 96% 合，增长 53.8% 不合。\
            两个数按通知的写法取四舍五入范围，只有在范围内怎样也不合时才报告，消息给出实际的倍数和增长百分比。\
            倍数是文字中的概括说法，所以是警告。原文如此，则是通知本身的错误，应请起草单位核对数字或倍数的说法。",
        fires: include_str!("../../../tests/fixtures/checks/A111-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A111-silent.policy"),
    },
    CodeInfo {
        code: "A112",
        severity: Severity::Error,
        title: "名单的项数与所说的个数不符",
        explanation: "“名单”照原文列出一组名称（小区、社区、改造方式……），并写明原文紧接着说的个数（`共计：七个老旧小区`），而列出的项数与这个个数不同。\
            例如原文列了六个小区的名称，却说“共七个老旧小区”；或者列了三种做法，却说“两种改造方式”。消息给出列出的项数和原文的个数，重复列出的名称另行注明。\
            原文只举了几个例子（“北关社区、南关社区等17个社区”）时，最后一项照写“等”：这时只有列出的项多于个数才报告。\
            请逐项核对名单与原文；原文如此，则是通知本身的错误，应请起草单位更正名单或个数。",
        fires: include_str!("../../../tests/fixtures/checks/A112-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A112-silent.policy"),
    },
    CodeInfo {
        code: "A115",
        severity: Severity::Warning,
        title: "缺少单位",
        explanation: "一组相加的数（分解的合计与分项）中，有的数没有写单位，其余的数单位相同，例如“集中供热改造居民350”与“分散式改造居民514户”并列。\
            没有单位的数本是纯数，不能与户数相加，通知多半是漏印了单位。policyc 按同组其他数的单位读它（这里读作 350户），报告缺少单位，\
            并照这个读法核对合计与分项之和；读法是推断，所以由此发现的不符也只是警告。\
            同组的数单位本就各不相同时无从推断，按单位不同（A107）报告。\
            单独写出的数（指标、复述、标准、假设）没有单位（`指标 改造小区数：36`），或标准的单位只有“/”后的部分\
            （`1600/户`，漏了“元”），也在这里报告：这个数在别处写了单位，或本文件有单位为“元/户”这样的数时，提示给出这个单位。\
            百分比和带量词的中文数字（三年）有单位，不报告。请照原文补上单位；原文确实漏印了，应请起草单位补上。",
        fires: include_str!("../../../tests/fixtures/checks/A115-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/A115-silent.policy"),
    },
];
