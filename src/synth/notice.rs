//! Synthetic notices: one policy file with the shape of the real notices in `policies/`.

use std::fmt::Write;

use super::*;

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
