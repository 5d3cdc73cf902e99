//! Synthetic policy files for benchmarks, fuzzing and scale tests.
//!
//! Everything here is deterministic from a seed: the same seed gives byte-identical files on
//! every machine, so a benchmark or a fuzz corpus can be regenerated instead of committed.
//!
//! Two kinds of output:
//!
//! - [`notice`]: one policy file with the shape of the real notices in `policies/` — a cover
//!   notice, declared units, sections of prose, breakdowns by year and by town with totals,
//!   restatements, rates, a ratio, piecewise rules, 核算 lines, tasks with 牵头单位/责任单位 and
//!   deadlines, phases with steps and milestones, tables with subtotals and totals, and a
//!   leadership group. [`Shape`] sets the size (towns, tasks, tables, rules, prose length);
//!   [`corpus`] varies the shape from file to file around the sizes of the real notices.
//! - [`plan`]: a work plan of phases and tasks with date ranges, responsible units and targets
//!   ([`PlanSpec`]), written both as a policy file and as a TaskJuggler project, so that the
//!   two tools can be timed on the same plan.
//!
//! The generator writes a few mistakes on purpose (a total that does not add up, a restated
//! figure that differs), as real notices have them, so that the checks have work to do.
//! Generated files never have syntax errors: `policyc check` exits with 0 or 1 on them.

mod notice;
mod plan;
pub mod stress;

pub use notice::{corpus, notice, Shape};
pub use plan::{plan, PhaseSpec, PlanSpec, TaskSpec, Ymd};

/// A small, fast, deterministic random number generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

// ───────────────────────────── vocabulary ─────────────────────────────

const PLACE_FIRST: &[&str] = &[
    "金", "古", "扶", "高", "马", "东", "西", "南", "北", "新", "安", "永", "长", "太", "龙", "青",
    "白", "红", "平", "兴", "和", "丰", "宁", "清", "河", "山", "利", "通", "昭", "锡", "达", "朔",
];
const PLACE_SECOND: &[&str] = &[
    "积", "城", "莲", "闸", "营", "庄", "湖", "泉", "坪", "塔", "桥", "堡", "川", "源", "沟", "原",
    "林", "阳", "台", "井",
];
const TOWN_SUFFIX: &[&str] = &["镇", "乡", "街道"];
const DEPARTMENTS: &[&str] = &[
    "发展和改革局",
    "财政局",
    "住房和城乡建设局",
    "自然资源局",
    "生态环境分局",
    "农业农村局",
    "水务局",
    "交通运输局",
    "教育局",
    "卫生健康局",
    "民政局",
    "人力资源和社会保障局",
    "市场监督管理局",
    "应急管理局",
    "能源局",
    "商务局",
    "文化旅游体育局",
    "审计局",
    "统计局",
    "司法局",
    "公安分局",
    "税务局",
    "医疗保障局",
    "林业和草原局",
    "城市管理局",
    "工业和信息化局",
    "科学技术局",
    "退役军人事务局",
];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
    "秀英", "建国", "志刚", "海燕", "晓东", "玉兰", "国庆", "春梅",
];
const TOPICS: &[(&str, &str)] = &[
    ("平房区节能改造", "户"),
    ("老旧小区改造", "户"),
    ("冬季清洁取暖", "户"),
    ("农村危房改造", "户"),
    ("农村生活垃圾治理", "村"),
    ("污水管网建设", "公里"),
    ("既有建筑节能改造", "万平方米"),
    ("城镇燃气管道更新", "公里"),
];
const SENTENCES: &[&str] = &[
    "以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神，坚持以人民为中心的发展思想",
    "坚持政府引导、市场运作、群众参与，统筹推进、分步实施",
    "各责任单位要高度重视，把此项工作列入重要议事日程，主要领导亲自抓、分管领导具体抓",
    "强化组织领导，制定工作方案，细化责任分工，明确时间要求，确保任务高标准、高质量完成",
    "各有关部门要严格履行职责，主动参与，积极配合，强化服务意识，简化办事程序，提高审批效率",
    "加强宣传动员，深入社区、村组和住户进行宣传发动，为群众解疑释惑，营造良好氛围",
    "建立工作台账，实行月调度、季通报制度，对进展缓慢的单位进行督导",
    "严格执行工程建设有关法律法规和标准规范，加强质量安全监管，杜绝安全隐患",
    "资金实行专账管理、专款专用，任何单位和个人不得截留、挤占、挪用",
    "因地制宜、分类施策，坚持宜电则电、宜气则气、宜热则热",
    "将工作完成情况纳入年度目标责任考核，对工作不力、推诿扯皮的单位和个人严肃问责",
    "及时总结推广好经验好做法，发挥示范引领作用，形成可复制、可推广的工作模式",
    "切实提升群众的获得感、幸福感和安全感，推动经济社会高质量发展",
    "做好项目谋划储备，积极争取中央和自治区资金支持，拓宽融资渠道",
];
const TASK_VERBS: &[&str] = &[
    "组织实施",
    "统筹推进",
    "督促落实",
    "完成",
    "开展",
    "做好",
    "加快推进",
    "全面完成",
];
const TASK_OBJECTS: &[&str] = &[
    "入户摸底调查",
    "项目立项和招标",
    "施工图设计审查",
    "改造工程施工",
    "工程质量抽查",
    "竣工验收",
    "补贴资金拨付",
    "档案资料整理",
    "宣传动员",
    "配套管网建设",
    "运行维护机制建设",
    "绩效评价",
];

fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Hundredths as a decimal with two places: 123456 → 1234.56.
fn hundredths(v: u64) -> String {
    format!("{}.{:02}", v / 100, v % 100)
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    let mut p = String::new();
    for i in 0..sentences.max(1) {
        let sentence = SENTENCES[rng.below(SENTENCES.len() as u64) as usize];
        p.push_str(sentence);
        p.push_str(if i + 1 == sentences.max(1) {
            "。"
        } else {
            "；"
        });
    }
    p
}

/// Distinct place names, each ending in one of `suffixes`.
fn places(rng: &mut Rng, n: usize, suffixes: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(n);
    let mut seen = std::collections::HashSet::new();
    let mut attempts = 0;
    while out.len() < n {
        attempts += 1;
        let mut name = format!("{}{}", rng.pick(PLACE_FIRST), rng.pick(PLACE_SECOND));
        if attempts > 50 * n + 100 {
            // Past the syllable table's capacity: number the names (第十二…), still unique.
            name = format!("{}第{}", name, chinese_number(out.len() % 100 + 1));
        }
        let name = format!("{name}{}", rng.pick(suffixes));
        if seen.insert(name.clone()) {
            out.push(name);
        }
    }
    out
}

fn person(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_text() {
        let a: Vec<_> = corpus(7, 3).collect();
        let b: Vec<_> = corpus(7, 3).collect();
        assert_eq!(a, b);
        assert_ne!(a[0].1, a[1].1);
        assert_eq!(plan(3, 100).to_policy(), plan(3, 100).to_policy());
    }

    #[test]
    fn plans_have_the_requested_tasks() {
        for n in [100, 2000, 20_000] {
            assert_eq!(plan(1, n).task_count(), n);
        }
    }

    #[test]
    fn numbers_in_chinese() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(14), "十四");
        assert_eq!(chinese_number(40), "四十");
        assert_eq!(chinese_number(99), "九十九");
    }
}
