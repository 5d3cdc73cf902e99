//! R3xx: the subsidy rules — coverage, overlaps, caps, worked examples.

use super::CodeInfo;
use crate::diagnostics::Severity;

pub(super) const RULES: &[CodeInfo] = &[
    CodeInfo {
        code: "R301",
        severity: Severity::Error,
        title: "规则有空档",
        explanation: "分段补贴规则的各项条件应当不重不漏地覆盖所有情形。这里有一段数值没有任何一项适用（规则也没有写“否则”），\
            提示会给出确切的空档，例如“恰好为4万元”或“不低于1万元且不足2万元”。\
            界限词的含义按法律规定和通常用法确定：以上、以下、以内、届满、不低于、不少于、不超过、不高于包括本数；\
            不满、超过、以外、不足、低于、少于不包括本数（民法典第一千二百五十九条）；写明（含）或（不含）时以所写为准。\
            最常见的空档是“超过4万元……不足4万元……”，两项都不包括4万元本身。\
            请在相邻一项的界限上写明是否包括本数，或用“否则”写明其余情形。",
        fires: include_str!("../../../tests/fixtures/checks/R301-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/R301-silent.policy"),
    },
    CodeInfo {
        code: "R302",
        severity: Severity::Error,
        title: "规则条件重叠",
        explanation: "同一数值同时落在规则的两项或多项条件中。最常见的是“4万元以上……4万元以下……”：\
            按法律规定“以上”“以下”都包括本数，恰好4万元的住户两项都适用。\
            各项给出的补贴不同时按错误报告，因为同一户不知该按哪一项补贴；\
            在重叠处给出的补贴相同时只作警告。\
            请把其中一项的界限改为不包括本数（如“不足4万元”），或写明（不含）。",
        fires: include_str!("../../../tests/fixtures/checks/R302-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/R302-silent.policy"),
    },
    CodeInfo {
        code: "R303",
        severity: Severity::Warning,
        title: "补贴在界限处跳升（断崖）",
        explanation: "以费用为条件的分段补贴，在某个界限处补贴突然增加，使得费用略低于界限的住户，\
            把费用提高到界限（或略高于界限）后，补贴增加得比费用还多，自己负担的部分反而减少。\
            这会诱使住户抬高费用。提示给出界限、补贴跳升的数额，以及哪一段费用的住户这样做会少付钱，并举例说明。\
            计算时，百分比结果按费用的份额计算（有上限的不超过上限），其他结果按定额计算，“否则”适用于其余情形。\
            只检查条件和结果都是金额（或百分比）的规则，条件重叠的规则先按 R302 改正。\
            改正办法是让补贴在界限两边相等，或对超出部分按比例递减。",
        fires: include_str!("../../../tests/fixtures/checks/R303-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/R303-silent.policy"),
    },
    CodeInfo {
        code: "R304",
        severity: Severity::Error,
        title: "例子与规则不符",
        explanation: "规则中的“例：”写出一户的输入和通知说它应得的补贴（例：3.9万元 → 1.95万元；几个输入用“、”连写：\
            例：3.9万元、80平方米 → 2400元；不补贴的写作 → 不予补贴）。检查按 policyc calc 的算法，用精确小数计算每个例子：\
            规则给出的数与例子不同、单位不同，或这个输入无法计算（不在任何条件之内、缺少输入），都按错误报告，\
            并给出规则实际给出的数、适用的条件和算式。例子照抄通知原文时，多半是规则的条件或结果编码错了；\
            通知本身的例子算错了的，照原文保留并在注释中说明。",
        fires: include_str!("../../../tests/fixtures/checks/R304-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/R304-silent.policy"),
    },
];
