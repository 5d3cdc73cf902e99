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

use std::fmt::Write;

pub mod stress;

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

// ───────────────────────────── notices ─────────────────────────────

/// How large a synthetic notice is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// Towns (乡镇/街道): parts of the by-town breakdown and rows of the tables.
    pub towns: usize,
    /// Tasks with units and deadlines.
    pub tasks: usize,
    /// Tables in the attachments.
    pub tables: usize,
    /// Piecewise subsidy rules.
    pub rules: usize,
    /// Phases of the implementation schedule (each with steps and a milestone).
    pub phases: usize,
    /// Sentences per prose paragraph.
    pub sentences: usize,
    /// Plan period in years (1 to 3), for the by-year breakdown.
    pub years: usize,
    /// Percentage of breakdowns and restatements written with a mistake.
    pub mistakes: u64,
}

impl Shape {
    /// The size of a typical county notice (like `policies/000_…`): a few towns, a few tasks.
    pub fn small() -> Shape {
        Shape {
            towns: 6,
            tasks: 5,
            tables: 1,
            rules: 1,
            phases: 3,
            sentences: 3,
            years: 1,
            mistakes: 10,
        }
    }

    /// A shape drawn at random around the sizes of the real notices (10–90 KB).
    pub fn sample(rng: &mut Rng) -> Shape {
        Shape {
            towns: rng.range(4, 16) as usize,
            tasks: rng.range(4, 40) as usize,
            tables: rng.range(1, 3) as usize,
            rules: rng.range(1, 3) as usize,
            phases: rng.range(2, 4) as usize,
            sentences: rng.range(2, 8) as usize,
            years: rng.range(1, 3) as usize,
            mistakes: 10,
        }
    }

    /// Every count multiplied by `factor` (prose length too), for scale tests.
    pub fn scaled(&self, factor: usize) -> Shape {
        Shape {
            towns: self.towns * factor,
            tasks: self.tasks * factor,
            tables: self.tables * factor,
            rules: self.rules * factor,
            phases: self.phases,
            sentences: self.sentences * factor,
            years: self.years,
            mistakes: self.mistakes,
        }
    }
}

/// One synthetic notice as a policy file. The same `seed` and `shape` give the same text.
pub fn notice(seed: u64, shape: &Shape) -> String {
    NoticeWriter::new(seed, shape).write()
}

/// `count` synthetic notices with shapes sampled around the real notices' sizes:
/// `(file name, text)`, names sorted in generation order (`00000_synth-….policy`).
pub fn corpus(seed: u64, count: usize) -> impl Iterator<Item = (String, String)> {
    (0..count).map(move |i| {
        let file_seed = seed
            .wrapping_mul(0x100_0000_01B3)
            .wrapping_add(i as u64 + 1);
        let mut rng = Rng::new(file_seed);
        let shape = Shape::sample(&mut rng);
        (
            format!("{i:05}_synth-{seed}.policy"),
            notice(file_seed, &shape),
        )
    })
}

struct NoticeWriter<'a> {
    rng: Rng,
    shape: &'a Shape,
    out: String,
    county: String,
    /// 区, 县 or 旗: the prefix of department names.
    level: &'static str,
    towns: Vec<String>,
    departments: Vec<String>,
    topic: &'static str,
    measure: &'static str,
    year: i32,
    /// Per-town target (in the topic's measure).
    town_targets: Vec<u64>,
    total_target: u64,
}

impl<'a> NoticeWriter<'a> {
    fn new(seed: u64, shape: &'a Shape) -> NoticeWriter<'a> {
        let mut rng = Rng::new(seed);
        let level = *rng.pick(&["区", "县", "旗"]);
        let county = format!("{}{}{level}", rng.pick(PLACE_FIRST), rng.pick(PLACE_SECOND));
        let towns = places(&mut rng, shape.towns.max(1), TOWN_SUFFIX);
        let mut departments: Vec<String> =
            DEPARTMENTS.iter().map(|d| format!("{level}{d}")).collect();
        // A different subset of departments in each file, at least six.
        let keep = rng.range(6, departments.len() as u64) as usize;
        for i in (1..departments.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            departments.swap(i, j);
        }
        departments.truncate(keep);
        let (topic, measure) = *rng.pick(TOPICS);
        let year = rng.range(2019, 2026) as i32;
        // Targets in tens, so that 7:3 splits of the money come out exact.
        let town_targets: Vec<u64> = towns.iter().map(|_| rng.range(5, 300) * 10).collect();
        let total_target = town_targets.iter().sum();
        NoticeWriter {
            rng,
            shape,
            out: String::with_capacity(4096 + shape.tasks * 600 + shape.towns * 400),
            county,
            level,
            towns,
            departments,
            topic,
            measure,
            year,
            town_targets,
            total_target,
        }
    }

    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn prose(&mut self, indent: usize) {
        let p = paragraph(&mut self.rng, self.shape.sentences);
        self.line(indent, &format!("「{p}」"));
    }

    /// With the shape's mistake rate, a value off by a little.
    fn maybe_wrong(&mut self, v: u64) -> u64 {
        if self.rng.chance(self.shape.mistakes) {
            v + self.rng.range(1, 9) * 10
        } else {
            v
        }
    }

    fn write(mut self) -> String {
        let y = self.year;
        let plan_title = format!("{}{}年{}工作实施方案", self.county, y, self.topic);
        let gov = format!("{}人民政府", self.county);
        writeln!(self.out, "// 合成的政策文件（policyc synth）：{plan_title}").unwrap();
        self.out.push('\n');

        // Cover notice.
        self.line(0, "通知 {");
        self.line(1, &format!("标题：{gov}关于印发《{plan_title}》的通知"));
        self.line(1, &format!("发文机关：{gov}"));
        let no = self.rng.range(1, 99);
        let short = self.county.chars().next().unwrap_or('某');
        self.line(1, &format!("发文字号：{short}政发〔{y}〕{no}号"));
        self.line(
            1,
            &format!(
                "主送：各乡镇人民政府、各街道办事处，{}直各有关部门",
                self.level
            ),
        );
        let body = format!(
            "《{plan_title}》已经{}人民政府常务会议研究通过，现印发给你们，请结合实际，认真贯彻落实。",
            self.level
        );
        self.line(1, &format!("正文：「{body}」"));
        self.line(1, &format!("署名：{gov}"));
        let (m, d) = (self.rng.range(1, 4) as u32, self.rng.range(1, 28));
        self.line(1, &format!("成文日期：{y}年{m}月{d}日"));
        self.line(0, "}");
        self.out.push('\n');

        // Units.
        self.line(0, "单位 {");
        let deps = self.departments.join("、");
        self.line(1, &format!("部门：{gov}、{deps}"));
        let (streets, towns): (Vec<&str>, Vec<&str>) = self
            .towns
            .iter()
            .map(String::as_str)
            .partition(|t| t.ends_with("街道"));
        let (towns, streets) = (towns.join("、"), streets.join("、"));
        if !towns.is_empty() {
            self.line(1, &format!("乡镇：{towns}"));
        }
        if !streets.is_empty() {
            self.line(1, &format!("街道：{streets}"));
        }
        self.line(1, "集合：各乡镇、各有关部门");
        self.line(0, "}");
        self.out.push('\n');

        // The plan.
        let period = if self.shape.years > 1 {
            format!("{y}-{}年", y + self.shape.years as i32 - 1)
        } else {
            format!("{y}年")
        };
        self.line(0, &format!("方案 {plan_title} {{"));
        self.line(1, &format!("期限：{period}"));
        self.out.push('\n');
        self.prose(1);
        self.out.push('\n');

        let mut section = 0;
        let mut heading = |name: &str| {
            section += 1;
            format!("节 {}、{name} {{", chinese_number(section))
        };

        let h = heading("指导思想");
        self.line(1, &h);
        self.prose(2);
        self.line(1, "}");
        self.out.push('\n');

        let h = heading("工作目标");
        self.line(1, &h);
        self.targets();
        self.line(1, "}");
        self.out.push('\n');

        let h = heading("资金筹措与补助标准");
        self.line(1, &h);
        self.money();
        self.line(1, "}");
        self.out.push('\n');

        let h = heading("重点任务");
        self.line(1, &h);
        self.tasks();
        self.line(1, "}");
        self.out.push('\n');

        let h = heading("实施步骤");
        self.line(1, &h);
        self.phases();
        self.line(1, "}");
        self.out.push('\n');

        let h = heading("保障措施");
        self.line(1, &h);
        for i in 1..=4 {
            let p = paragraph(&mut self.rng, self.shape.sentences);
            self.line(2, &format!("「（{}）{p}」", chinese_number(i)));
        }
        self.line(1, "}");
        self.out.push('\n');

        for t in 0..self.shape.tables {
            self.table_attachment(t + 1);
        }
        self.group_attachment(self.shape.tables + 1);
        self.line(0, "}");
        self.out
    }

    fn targets(&mut self) {
        let (y, m) = (self.year, self.measure);
        let total = self.total_target;
        // By year, when the plan runs several years.
        if self.shape.years > 1 {
            self.line(2, "分解 改造总量 按 年度 {");
            self.line(3, &format!("合计：{total}{m}"));
            let mut left = total;
            for i in 0..self.shape.years {
                let part = if i + 1 == self.shape.years {
                    left
                } else {
                    let p = total / self.shape.years as u64 / 10 * 10;
                    left -= p;
                    p
                };
                let part = self.maybe_wrong(part);
                self.line(3, &format!("{}年：{part}{m}", y + i as i32));
            }
            self.line(2, "}");
        } else {
            self.line(2, &format!("指标 改造总量：{total}{m}"));
        }
        // By town.
        self.line(2, "分解 乡镇任务 按 乡镇 {");
        self.line(3, &format!("合计：{total}{m}"));
        for i in 0..self.towns.len() {
            let v = self.maybe_wrong(self.town_targets[i]);
            let town = self.towns[i].clone();
            self.line(3, &format!("{town}：{v}{m}"));
        }
        self.line(2, "}");
        self.line(2, "核算：乡镇任务 = 改造总量");
        let n = self.towns.len();
        self.line(2, &format!("指标 涉及乡镇数：{n}个"));
        let rate = self.rng.range(60, 100);
        self.line(
            2,
            &format!("指标 群众满意率：{rate}% 「改造完成后群众满意率」"),
        );
        let p = paragraph(&mut self.rng, self.shape.sentences.min(3));
        self.line(
            2,
            &format!(
                "「{y}年，在{{涉及乡镇数}}乡镇完成{}{{改造总量}}，群众满意率达到{{群众满意率}}以上。{p}」",
                self.topic
            ),
        );
        let restated = self.maybe_wrong(total);
        self.line(2, &format!("复述 改造总量：{restated}{m} 「工作目标小结」"));
    }

    fn money(&mut self) {
        let m = self.measure;
        // Subsidy per unit of work, in 元; a multiple of 100 so that 万元 come out exact.
        let rate = self.rng.range(20, 80) * 100;
        self.line(
            2,
            &format!(
                "标准 补助标准：{rate}元/{} 「每{}补助」",
                self.unit_word(),
                self.unit_word()
            ),
        );
        // total_target × rate 元 = total_target × rate / 100 hundredths of 万元.
        let fund = self.total_target * rate / 100;
        self.line(2, "比例 市区分担：7:3 「市区两级按7:3比例分担补助资金」");
        self.line(2, "分解 补助资金 按 资金来源 比例 市区分担 {");
        self.line(3, &format!("合计：{}万元", hundredths(fund)));
        let city = fund * 7 / 10;
        let city = self.maybe_wrong(city);
        self.line(3, &format!("市级：{}万元", hundredths(city)));
        self.line(
            3,
            &format!("{}级：{}万元", self.level, hundredths(fund - fund * 7 / 10)),
        );
        self.line(2, "}");
        if m == "户" {
            self.line(2, "核算：补助标准 × 改造总量 = 补助资金");
        }
        let cap = self.rng.range(100, 200);
        let per_m2 = self.rng.range(50, 200);
        self.line(2, &format!("标准 面积补助：{per_m2}元/平方米 {{"));
        self.line(3, &format!("上限：每户 不超过{cap}平方米"));
        self.line(3, "期限：三年");
        self.line(2, "}");
        self.line(2, "假设 户均面积：80平方米/户 「按80平方米/户测算」");
        for r in 0..self.shape.rules {
            let threshold = self.rng.range(2, 8);
            let fixed = threshold - 1;
            let share = self.rng.range(3, 8) * 10;
            let name = if r == 0 {
                "改造补贴".to_string()
            } else {
                format!("改造补贴{}", chinese_number(r + 1))
            };
            self.line(2, &format!("规则 {name} 「每户改造费用补贴」 {{"));
            self.line(3, "对象：核定改造费用（每户）");
            self.line(3, &format!("若 达到{threshold}万元以上：{fixed}万元"));
            self.line(3, &format!("若 不足{threshold}万元：{share}%"));
            self.line(2, "}");
        }
        self.line(
            2,
            "「补助资金按{补助资金.市级}市级、{补助资金.区级}本级分担，改造完成并验收合格后拨付。」"
                .replace("区级", &format!("{}级", self.level))
                .as_str(),
        );
        self.prose(2);
    }

    fn unit_word(&self) -> &'static str {
        match self.measure {
            "户" => "户",
            "村" => "村",
            "公里" => "公里",
            _ => "平方米",
        }
    }

    fn tasks(&mut self) {
        let y = self.year;
        for i in 1..=self.shape.tasks {
            let verb = *self.rng.pick(TASK_VERBS);
            let obj = *self.rng.pick(TASK_OBJECTS);
            self.line(2, &format!("任务 {i} {verb}{obj} {{"));
            let p = paragraph(&mut self.rng, self.shape.sentences.min(4));
            self.line(3, &format!("内容：「{p}」"));
            let lead = self.rng.pick(&self.departments).clone();
            self.line(3, &format!("牵头单位：{lead}"));
            let k = self.rng.range(1, 3) as usize;
            let mut resp = Vec::new();
            for _ in 0..k {
                let u = if self.rng.chance(50) {
                    self.rng.pick(&self.towns).clone()
                } else {
                    self.rng.pick(&self.departments).clone()
                };
                if !resp.contains(&u) {
                    resp.push(u);
                }
            }
            self.line(3, &format!("责任单位：{}", resp.join("、")));
            if self.rng.chance(30) {
                self.line(3, "配合单位：各有关部门");
            }
            let month = self.rng.range(3, 12) as u32;
            match self.rng.below(3) {
                0 => self.line(3, &format!("完成时限：{y}年{month}月底前")),
                1 => {
                    let d = days_in_month(y, month);
                    self.line(3, &format!("完成时限：{y}年{month}月{d}日前"))
                }
                _ => {
                    let from = self.rng.range(1, month as u64) as u32;
                    let d = days_in_month(y, month);
                    self.line(3, &format!("起止：{y}年{from}月1日-{y}年{month}月{d}日"))
                }
            }
            if self.rng.chance(40) {
                let v = self.rng.range(1, 50);
                self.line(3, &format!("指标 任务{i}目标：{v}个"));
            }
            self.line(2, "}");
        }
    }

    fn phases(&mut self) {
        let y = self.year;
        let n = self.shape.phases.max(1) as u32;
        let names = ["动员部署", "组织实施", "验收总结", "巩固提升"];
        for p in 0..n {
            let first = 1 + p * 12 / n;
            let last = (p + 1) * 12 / n;
            let d = days_in_month(y, last);
            let name = names[p as usize % names.len()];
            let cn = chinese_number(p as usize + 1);
            self.line(
                2,
                &format!(
                    "阶段 （{cn}）{name}：{y}年{first}月1日-{y}年{last}月{d}日 「{name}阶段」 {{"
                ),
            );
            for s in 0..2u32 {
                let m = (first + s).min(last);
                let (a, b) = if s == 0 {
                    (1, 15)
                } else {
                    (16, days_in_month(y, m))
                };
                let text = paragraph(&mut self.rng, 1);
                self.line(
                    3,
                    &format!(
                        "步骤 第{}步：{m}月{a}日-{m}月{b}日 「{text}」",
                        chinese_number(s as usize + 1)
                    ),
                );
            }
            self.line(
                3,
                &format!("节点 {name}完成：{last}月底前 「完成{name}阶段工作」"),
            );
            self.line(2, "}");
        }
    }

    fn table_attachment(&mut self, number: usize) {
        let m = self.measure;
        self.line(
            1,
            &format!(
                "附件 {number} 「{}{}年任务分解表{number}」 {{",
                self.county, self.year
            ),
        );
        self.line(
            2,
            &format!(
                "表 任务分解表{number} 「{}年{}任务及资金分解表」 {{",
                self.year, self.topic
            ),
        );
        self.line(
            3,
            &format!(
                "列：乡镇｜任务量（{m}）｜中央资金（万元）｜地方资金（万元）｜资金合计（万元）"
            ),
        );
        let group = if self.towns.len() > 8 { 4 } else { usize::MAX };
        let mut totals = [0u64; 4];
        let mut sub = [0u64; 4];
        for i in 0..self.towns.len() {
            let qty = self.town_targets[i];
            let central = self.rng.range(10, 500) * 100;
            let local = self.rng.range(10, 500) * 100;
            let sum = central + local;
            let row = [qty, central, local, sum];
            for k in 0..4 {
                totals[k] += row[k];
                sub[k] += row[k];
            }
            let sum = if number == 1 {
                self.maybe_wrong(sum)
            } else {
                sum
            };
            let town = self.towns[i].clone();
            self.line(
                3,
                &format!(
                    "行：{town}｜{qty}｜{}｜{}｜{}",
                    hundredths(central),
                    hundredths(local),
                    hundredths(sum)
                ),
            );
            if (i + 1) % group == 0 || (group != usize::MAX && i + 1 == self.towns.len()) {
                self.line(
                    3,
                    &format!(
                        "小计：小计｜{}｜{}｜{}｜{}",
                        sub[0],
                        hundredths(sub[1]),
                        hundredths(sub[2]),
                        hundredths(sub[3])
                    ),
                );
                sub = [0; 4];
            }
        }
        self.line(
            3,
            &format!(
                "合计：合计｜{}｜{}｜{}｜{}",
                totals[0],
                hundredths(totals[1]),
                hundredths(totals[2]),
                hundredths(totals[3])
            ),
        );
        self.line(3, "关系：「资金合计」 = 「中央资金」 + 「地方资金」");
        self.line(3, "注：「资金单位为万元。」");
        self.line(2, "}");
        self.line(1, "}");
    }

    fn group_attachment(&mut self, number: usize) {
        let name = format!("{}{}工作领导小组", self.county, self.topic);
        self.line(1, &format!("附件 {number} {name} {{"));
        self.line(2, &format!("领导小组 {name} {{"));
        let gov = format!("{}人民政府", self.county);
        let p = person(&mut self.rng);
        self.line(3, &format!("组长：{p}｜{gov}{}长", self.level));
        let p = person(&mut self.rng);
        self.line(3, &format!("副组长：{p}｜{gov}副{}长", self.level));
        let members: Vec<String> = self.departments.clone();
        for d in &members {
            let p = person(&mut self.rng);
            let post = if d.ends_with('局') {
                "局长"
            } else {
                "负责人"
            };
            self.line(3, &format!("成员：{p}｜{d}{post}"));
        }
        if self.rng.chance(20) {
            self.line(3, "成员：（未列姓名）｜各乡镇主要负责人");
        }
        self.line(3, "办公室 {");
        let seat = self.departments[0].clone();
        self.line(4, &format!("设在：{seat}"));
        let p = person(&mut self.rng);
        self.line(4, &format!("主任：{p}｜兼任"));
        self.line(4, "「负责日常协调、调度和督导工作。」");
        self.line(3, "}");
        self.line(2, "}");
        self.line(1, "}");
    }
}

// ───────────────────────────── plans ─────────────────────────────

/// A calendar date (year, month, day), always valid.
pub type Ymd = (i32, u32, u32);

/// A work plan: phases of tasks, each with dates, a responsible unit and a target.
#[derive(Debug, Clone)]
pub struct PlanSpec {
    pub title: String,
    pub county: String,
    pub year: i32,
    /// Units declared and named as responsible.
    pub units: Vec<String>,
    pub phases: Vec<PhaseSpec>,
}

#[derive(Debug, Clone)]
pub struct PhaseSpec {
    pub name: String,
    pub start: Ymd,
    pub end: Ymd,
    pub tasks: Vec<TaskSpec>,
}

#[derive(Debug, Clone)]
pub struct TaskSpec {
    /// 1-based number across the plan.
    pub number: usize,
    pub title: String,
    pub start: Ymd,
    pub end: Ymd,
    /// Index into [`PlanSpec::units`].
    pub unit: usize,
    /// The task's target: a count of 户.
    pub target: u64,
}

impl PlanSpec {
    pub fn task_count(&self) -> usize {
        self.phases.iter().map(|p| p.tasks.len()).sum()
    }
}

/// Day of the year (1-based) → month and day.
fn from_ordinal(year: i32, mut day: u32) -> (u32, u32) {
    for m in 1..=12 {
        let n = days_in_month(year, m);
        if day <= n {
            return (m, day);
        }
        day -= n;
    }
    (12, 31)
}

/// A plan of `tasks` tasks (100 … 20,000 in the benchmarks) in one year, split in phases of
/// at most 500 tasks (at least three phases).
pub fn plan(seed: u64, tasks: usize) -> PlanSpec {
    let mut rng = Rng::new(seed);
    let level = *rng.pick(&["区", "县", "旗"]);
    let county = format!("{}{}{level}", rng.pick(PLACE_FIRST), rng.pick(PLACE_SECOND));
    let year = 2024;
    let mut units: Vec<String> = DEPARTMENTS.iter().map(|d| format!("{level}{d}")).collect();
    units.extend(places(&mut rng, 20, TOWN_SUFFIX));
    let n_phases = tasks.div_ceil(500).max(3);
    let days = if year % 4 == 0 { 366 } else { 365 };
    let mut phases = Vec::with_capacity(n_phases);
    let mut number = 0;
    for p in 0..n_phases {
        let first = 1 + (p as u32 * days) / n_phases as u32;
        let last = ((p as u32 + 1) * days) / n_phases as u32;
        let (sm, sd) = from_ordinal(year, first);
        let (em, ed) = from_ordinal(year, last);
        let count = tasks / n_phases + usize::from(p < tasks % n_phases);
        let mut list = Vec::with_capacity(count);
        for _ in 0..count {
            number += 1;
            let a = rng.range(first as u64, last as u64) as u32;
            let b = rng.range(a as u64, (a + 60).min(last) as u64) as u32;
            let (am, ad) = from_ordinal(year, a);
            let (bm, bd) = from_ordinal(year, b);
            list.push(TaskSpec {
                number,
                title: format!("{}{}", rng.pick(TASK_VERBS), rng.pick(TASK_OBJECTS)),
                start: (year, am, ad),
                end: (year, bm, bd),
                unit: rng.below(units.len() as u64) as usize,
                target: rng.range(1, 500),
            });
        }
        phases.push(PhaseSpec {
            name: format!("第{}阶段", chinese_number(p + 1)),
            start: (year, sm, sd),
            end: (year, em, ed),
            tasks: list,
        });
    }
    PlanSpec {
        title: format!("{county}{year}年重点工作推进计划"),
        county,
        year,
        units,
        phases,
    }
}

fn cn_date((y, m, d): Ymd) -> String {
    format!("{y}年{m}月{d}日")
}

fn iso((y, m, d): Ymd) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day after a date, in ISO form: TaskJuggler's `end` is exclusive.
fn iso_next((y, m, d): Ymd) -> String {
    if d < days_in_month(y, m) {
        iso((y, m, d + 1))
    } else if m < 12 {
        iso((y, m + 1, 1))
    } else {
        iso((y + 1, 1, 1))
    }
}

impl PlanSpec {
    /// The plan as a policy file: phases holding tasks with 责任单位, 起止 and a target.
    pub fn to_policy(&self) -> String {
        let mut s = String::with_capacity(512 + self.task_count() * 220);
        let _ = writeln!(
            s,
            "// 合成的工作计划（policyc synth）：{} 项任务",
            self.task_count()
        );
        s.push_str("单位 {\n");
        let (deps, towns): (Vec<&String>, Vec<&String>) =
            self.units.iter().partition(|u| u.ends_with('局'));
        let join = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、");
        let _ = writeln!(s, "  部门：{}", join(&deps));
        let _ = writeln!(s, "  其他：{}", join(&towns));
        s.push_str("}\n\n");
        let _ = writeln!(s, "计划 {} {{", self.title);
        let _ = writeln!(s, "  期限：{}年", self.year);
        for p in &self.phases {
            let _ = writeln!(
                s,
                "  阶段 {}：{}-{} {{",
                p.name,
                cn_date(p.start),
                cn_date(p.end)
            );
            for t in &p.tasks {
                let _ = writeln!(s, "    任务 {} {} {{", t.number, t.title);
                let _ = writeln!(s, "      责任单位：{}", self.units[t.unit]);
                let _ = writeln!(s, "      起止：{}-{}", cn_date(t.start), cn_date(t.end));
                let _ = writeln!(s, "      指标 任务{}目标：{}户", t.number, t.target);
                s.push_str("    }\n");
            }
            s.push_str("  }\n");
        }
        s.push_str("}\n");
        s
    }

    /// The plan as a TaskJuggler project with the same phases, tasks, dates, responsible
    /// units and targets, and two reports: an HTML Gantt chart and an HTML task table.
    /// No `timezone`: TaskJuggler reads the project's own dates before that attribute, in its
    /// default zone, and then refused a task starting on 1 January as outside the project.
    pub fn to_tjp(&self) -> String {
        let mut s = String::with_capacity(1024 + self.task_count() * 200);
        let _ = writeln!(
            s,
            "project plan \"{}\" {}-01-01 - {}-03-01 {{\n  now {}-01-01\n  extend task {{\n    number Target \"目标（户）\"\n  }}\n}}\n",
            self.title,
            self.year,
            self.year + 1,
            self.year
        );
        for (i, u) in self.units.iter().enumerate() {
            let _ = writeln!(s, "resource u{i} \"{u}\"");
        }
        s.push('\n');
        for (pi, p) in self.phases.iter().enumerate() {
            let _ = writeln!(s, "task p{pi} \"{}\" {{", p.name);
            for t in &p.tasks {
                let _ = writeln!(
                    s,
                    "  task t{} \"{}\" {{ start {} end {} responsible u{} Target {} }}",
                    t.number,
                    t.title,
                    iso(t.start),
                    iso_next(t.end),
                    t.unit,
                    t.target
                );
            }
            s.push_str("}\n");
        }
        s.push_str(
            "\ntaskreport gantt \"gantt\" {\n  formats html\n  headline \"甘特图\"\n  columns bsi, name, start, end, chart { scale month }\n  timeformat \"%Y-%m-%d\"\n  loadunit days\n}\n",
        );
        s.push_str(
            "\ntaskreport tasks \"tasks\" {\n  formats html\n  headline \"任务分解表\"\n  columns bsi, name, responsible, start, end, Target\n  timeformat \"%Y-%m-%d\"\n}\n",
        );
        s
    }
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
