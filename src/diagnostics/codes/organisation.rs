//! O4xx: who is responsible — lead units, declared units, leadership groups.

use super::CodeInfo;
use crate::diagnostics::Severity;

pub(super) const ORGANISATION: &[CodeInfo] = &[
    CodeInfo {
        code: "O401",
        severity: Severity::Warning,
        title: "任务没有牵头单位",
        explanation: "每项任务应有一个对它负总责的牵头单位。只写了责任单位、实施单位或配合单位的任务仍然没有牵头单位：\
            有几个单位却没有牵头单位，或者一个单位也没写，按警告报告；\
            只有一个责任单位（或实施单位）的，例如职责分工式的条目，这个单位就是牵头单位，不报告；\
            承担任务的都是集合单位（两镇、各街道办事处）的，各自对本辖区负责，通常不设牵头单位，也不报告；\
            正文中按“一是……二是……”列举的条目（编号、标题或内容以“一是”“二是”开头）是一段话中的分项，\
            由上下文交代责任，没有写任何单位时不报告。\
            请写明“牵头单位：…”，其余单位写作责任单位或配合单位。",
        fires: include_str!("../../../tests/fixtures/checks/O401-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/O401-silent.policy"),
    },
    CodeInfo {
        code: "O402",
        severity: Severity::Warning,
        title: "同一单位用了两个名称",
        explanation: "通知常常混用单位的全称和简称（区发展和改革局、区发改局、区发改委），\
            若在“单位”中声明成了几个单位，任务、成员和统计就会把同一单位算成几个。\
            本检查在已声明的单位之间寻找可能相同的名称：一个名称的字依次出现在另一个名称中（简称），\
            只差行政区前缀（住建局、旗住建局），只差“局”“委”或省去了“局”字，乡镇、街道只差“人民政府”“办事处”，\
            供电公司的几种写法；这些按警告报告。名称主体相同而一个称“中心”、一个称“局”的，\
            可能是机构改革前后的新旧名称，泛称（财政部门）与具体名称（区财政局）并存的，地名与其人民政府并存的，\
            都只作提示。集合单位（各乡镇）不参与比较，区委的各个办事机构（区委办公室、区委编办）不会被认作彼此的简称，\
            不同的乡镇、街道（城关镇与城南镇、新华街道与新华西街道）和不同的行政区（市财政局与区财政局）不会被认作同一单位。\
            若确是同一单位，只声明一次，其余写作别称：区发展和改革局（又称 区发改局）。",
        fires: include_str!("../../../tests/fixtures/checks/O402-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/O402-silent.policy"),
    },
    CodeInfo {
        code: "O403",
        severity: Severity::Warning,
        title: "职务没有姓名",
        explanation: "领导小组或工作组的成员只列了职务，没有写担任者的姓名（编码为“（未列姓名）”）。\
            同一小组的其他成员写了姓名时，这多半是遗漏，按警告逐条报告；\
            整个小组都只列职务、一个姓名也没有时，是按职务组成的写法，只对小组作一条提示。\
            请补上姓名，或确认小组按职务组成。",
        fires: include_str!("../../../tests/fixtures/checks/O403-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/O403-silent.policy"),
    },
    CodeInfo {
        code: "O404",
        severity: Severity::Warning,
        title: "承担任务的单位不在领导小组中",
        explanation: "通知设有领导小组时，牵头或承担任务的单位通常应有负责人参加领导小组，以便统筹协调。\
            牵头单位不在领导小组成员中的按警告报告，只作为责任单位的只作提示。\
            成员所属的单位按成员职务开头的单位名称确定（区财政局局长 → 区财政局）；\
            职务中写的是未声明的单位（九原供电分局局长）时，按职务中的单位名称比较。\
            集合单位（各乡镇、区直各部门）不检查；以集体身份参加的成员（各乡镇人民政府主要负责人）代表同类的各个单位；\
            与某个成员单位可能只是名称不同的单位留给 O402 报告。没有领导小组的通知不检查。",
        fires: include_str!("../../../tests/fixtures/checks/O404-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/O404-silent.policy"),
    },
    CodeInfo {
        code: "O405",
        severity: Severity::Warning,
        title: "无法识别的小组角色",
        explanation: "领导小组或工作组成员的角色不是常见的角色，例如“组长”印成了“长”。\
            认得的角色有：组长、第一副组长、副组长、常务副组长、执行组长、成员、主任、副主任、工作人员、联系人、\
            秘书长、总指挥、指挥长、召集人等，以及用“兼”连接的组合（副组长兼办公室主任）。\
            提示会给出可能的原词。请核对原文。",
        fires: include_str!("../../../tests/fixtures/checks/O405-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/O405-silent.policy"),
    },
    CodeInfo {
        code: "O406",
        severity: Severity::Note,
        title: "附件未附",
        explanation: "通知在附件说明中列出了这个附件，正文后却没有附上它的内容（编码为只有标题、没有花括号的“附件”）。\
            读者无从查看附件所载的清单或表格。这是提示：请在发布前附上附件，或从附件说明中删去。",
        fires: include_str!("../../../tests/fixtures/checks/O406-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/O406-silent.policy"),
    },
    CodeInfo {
        code: "O407",
        severity: Severity::Warning,
        title: "成员的姓名或职务写法有误",
        explanation: "领导小组的成员写作“角色：姓名｜职务”。这一行“｜”前是空的（`成员：｜县财政局局长`），\
            或者姓名的位置写的是职务而没有“｜”（`成员：县财政局局长`）：职务以已声明的单位开头而后面还有字，\
            或以局长、主任、书记、区长等职衔结尾，都不是人名。\
            policyc 把这两种写法都读作“职务，未列姓名”，职务中的单位照常算作领导小组的成员单位（O404 不会因此误报），\
            并在这里报告一次（不再重复报告 O403）。原文未列姓名时请写作“成员：（未列姓名）｜县财政局局长”，原文有姓名就补上。",
        fires: include_str!("../../../tests/fixtures/checks/O407-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/O407-silent.policy"),
    },
    CodeInfo {
        code: "O408",
        severity: Severity::Warning,
        title: "办公室与小组成员不符",
        explanation: "领导小组的办公室由小组统一领导，通常设在一个成员单位，由一名成员兼任主任。\
            两种不符在这里报告：办公室设在某单位，而小组（含其工作组）成员中没有这个单位的人——\
            成员所属单位按职务开头的单位名称确定（区住建局局长 → 区住建局），办公室自己的工作人员也算，按警告报告；\
            办公室主任写了姓名，而小组成员中没有此人：写明“兼任”的按警告（兼任者应是成员），\
            没有写明的只作提示。集合单位不检查。请核对办公室所在单位和主任的姓名是否与成员名单一致。",
        fires: include_str!("../../../tests/fixtures/checks/O408-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/O408-silent.policy"),
    },
    CodeInfo {
        code: "O409",
        severity: Severity::Note,
        title: "成员职务中的单位未声明",
        explanation: "领导小组成员的职务以单位名称开头（王五｜县教育局局长），这个单位却没有在“单位 { … }”中声明，\
            与声明的单位名称也互不包含。成员所属的单位按职务开头的单位名称确定，没有声明的单位无法与任务的承担单位（O404）\
            和办公室所在单位（O408）比较，这些检查对它就不起作用。每个小组报告一次，列出这些单位。\
            只看以局、委、办、中心、公司、街道、办事处等结尾的单位名称；人民政府（组长常是县长）和集合（各乡镇、两镇）不检查；\
            文件没有声明任何单位时不检查。请在“单位”中声明它们（通知说明了简称的写作别称），或核对职务中的单位名称是否写错。",
        fires: include_str!("../../../tests/fixtures/checks/O409-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/O409-silent.policy"),
    },
];
