//! E0xxx: reading the file — syntax (E00xx), names, units and numbers (E01xx), and internal errors (E09xx).

use super::CodeInfo;
use crate::diagnostics::Severity;

pub(super) const INPUT: &[CodeInfo] = &[
    CodeInfo {
        code: "E0001",
        severity: Severity::Error,
        title: "语法错误",
        explanation: "这一行不符合政策文件的写法，编译器无法读懂它的结构。\
            常见原因有：关键字后缺少冒号（全角“：”或半角“:”均可），花括号没有成对出现，\
            「」引号没有闭合，或者一行里多写了内容。\
            请对照提示的位置检查这一行，以及它前面最近一个尚未闭合的块。",
        fires: include_str!("../../../tests/fixtures/checks/E0001-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0001-silent.policy"),
    },
    CodeInfo {
        code: "E0002",
        severity: Severity::Error,
        title: "无法读取文件",
        explanation: "编译器无法读取这个文件，因此没有进行任何检查。\
            可能是文件不存在、没有读取权限、路径指向一个目录，\
            或者文件超过 8 MiB 的大小上限。\
            文件必须以 UTF-8 编码保存；以 GBK 等编码保存的文件会被拒绝，\
            提示会给出第一个无法解码的字节所在的行，请在编辑器中另存为 UTF-8 后重试。",
        fires: "（以 GBK 编码保存的）指标 户数：460户",
        silent: "（以 UTF-8 编码保存的）指标 户数：460户",
    },
    CodeInfo {
        code: "E0003",
        severity: Severity::Error,
        title: "超出限制",
        explanation: "文件的某一部分超出了编译器的处理上限，例如块嵌套过深、数字的位数过多，\
            或者表格的行列过多。\
            这些上限远高于任何真实通知的需要，触发时通常说明文件有误，\
            例如漏写了右花括号，或者把别的数据粘贴了进来。\
            请检查提示的位置，把内容拆分或改正。",
        fires: include_str!("../../../tests/fixtures/checks/E0003-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0003-silent.policy"),
    },
    CodeInfo {
        code: "E0010",
        severity: Severity::Warning,
        title: "文件中有控制字符",
        explanation: "文件中有看不见的控制字符，例如从 Word 复制文字时带入的手动换行符（U+000B，\
            在 Word 中按 Shift+Enter 产生）、分页符（U+000C）、空字符（U+0000）、转义符（U+001B），\
            或者编码出错时产生的 U+0080～U+009F 字符。它们在编辑器里往往看不见，\
            却会让 Word 文稿和图无法打开，在终端里还可能改变显示。\
            编译器把每个这样的字符按空格处理（文稿、表格和图中都是空格），并逐一指出它的位置\
            （诊断中显示为 ␋、␀ 等符号）。制表符和换行不受影响。\
            请在编辑器中删去这些字符；需要分段时另起一行。",
        fires: include_str!("../../../tests/fixtures/checks/E0010-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0010-silent.policy"),
    },
    CodeInfo {
        code: "E0020",
        severity: Severity::Error,
        title: "块没有关闭",
        explanation: "一个以“{”开始的块（方案、节、任务、分解、表等）没有对应的“}”。\
            编译器按缩进判断块在哪里结束：块的“}”单独占一行，缩进与开始这个块的那一行相同；\
            遇到一行缩进不比块的开头更深、却不是“}”的内容时，就说明这个块在它之前就该关闭了。\
            消息给出块开始的行，并指出应在哪一行之前补上“}”。\
            补上之后其余内容才能读懂，因此一个漏写的“}”只报告一次。",
        fires: include_str!("../../../tests/fixtures/checks/E0020-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0020-silent.policy"),
    },
    CodeInfo {
        code: "E0021",
        severity: Severity::Error,
        title: "多余的右括号",
        explanation: "这个“}”不关闭任何块：它前面的块都已关闭，或者它的缩进比它要关闭的块还深，\
            多半是多写了一个。请删去它；如果它本应关闭下面的某个块，请检查那个块的“{”是否写在了开头一行的末尾。",
        fires: include_str!("../../../tests/fixtures/checks/E0021-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0021-silent.policy"),
    },
    CodeInfo {
        code: "E0022",
        severity: Severity::Error,
        title: "关键词写错",
        explanation: "一行开头的词不是这里可以写的关键词，但与其中一个只差一个字（写错、多写、漏写或颠倒），\
            例如“分届”（分解）、“期线”（期限）、“牵头单住”（牵头单位）。消息给出最接近的关键词及其写法。\
            编译器按所猜的关键词继续读下去，因此一处笔误只报告一次；如果猜错了，请对照 docs/language.md 改写这一行。",
        fires: include_str!("../../../tests/fixtures/checks/E0022-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0022-silent.policy"),
    },
    CodeInfo {
        code: "E0023",
        severity: Severity::Error,
        title: "正文用了引号“”",
        explanation: "正文段落要用直角引号「」括起。中文输入法打出的引号“”在政策文件中只是普通文字，\
            不能括起一段正文（正文里引用词语时照常使用“”）。帮助给出改好的一行：把两端的“”换成「」即可。",
        fires: include_str!("../../../tests/fixtures/checks/E0023-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0023-silent.policy"),
    },
    CodeInfo {
        code: "E0024",
        severity: Severity::Error,
        title: "「没有关闭",
        explanation: "一段以“「”开始的文字没有对应的“」”，它后面的全部内容都会被当作这段文字。\
            文字中可以再用「」，但左右引号要成对。\
            字段的值（`内容：「……`）里的“「”没有“」”时，文件仍能读下去，但这个“「”只被当作这一行的一个字，\
            原文想引起来的后几行成了另外的内容，同样按此报告。请在这段文字末尾补上“」”。",
        fires: include_str!("../../../tests/fixtures/checks/E0024-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0024-silent.policy"),
    },
    CodeInfo {
        code: "E0101",
        severity: Severity::Error,
        title: "引用了未声明的名称",
        explanation: "这里引用的指标、任务或小组在文件中没有声明。\
            每个名称都必须先用“指标”“分解”“任务”“领导小组”等声明，然后才能在核算、复述或正文中引用。\
            请检查名称是否写错（包括全角与半角、多余的空格），或者补上它的声明。",
        fires: include_str!("../../../tests/fixtures/checks/E0101-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0101-silent.policy"),
    },
    CodeInfo {
        code: "E0102",
        severity: Severity::Error,
        title: "名称重复声明",
        explanation: "同一个名称在同一范围内声明了不止一次。\
            引用这个名称时编译器无法判断指的是哪一个声明。\
            如果是同一数字在通知中出现了两次，请用“复述”把第二次出现与第一次声明关联起来；\
            如果是两个不同的数字，请给它们取不同的名称。",
        fires: include_str!("../../../tests/fixtures/checks/E0102-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0102-silent.policy"),
    },
    CodeInfo {
        code: "E0103",
        severity: Severity::Error,
        title: "单位未声明",
        explanation: "任务、小组或办公室中提到的单位没有在“单位”块中声明。\
            所有牵头单位、责任单位、配合单位和实施单位都应在“单位”块中列出一次，\
            简称可以用“（又称 …）”写在全称后面。\
            请检查单位名称是否与声明一致，或者把它补进“单位”块。",
        fires: include_str!("../../../tests/fixtures/checks/E0103-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0103-silent.policy"),
    },
    CodeInfo {
        code: "E0104",
        severity: Severity::Error,
        title: "计量单位无法识别",
        explanation: "数字后面的计量单位不在编译器认识的单位表中，例如把“户”“平方米”“元”写错或写成了不常见的说法。\
            单位决定了数字之间能否相加、比较和核算，因此必须能够识别。\
            请改用标准写法（如 户、平方米、万元、元/户），\
            或者检查数字与单位之间是否混入了别的文字。",
        fires: include_str!("../../../tests/fixtures/checks/E0104-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0104-silent.policy"),
    },
    CodeInfo {
        code: "E0105",
        severity: Severity::Error,
        title: "数字无法读取",
        explanation: "这里的数字无法读成一个确定的数值。\
            可能是千分位逗号的位置不对、混用了全角与半角的小数点，或者中文数字写法不规范。\
            请按通知原文核对这个数字，改成如 26441、26,441、2.85万 或 三 这样的写法。",
        fires: "指标 户数：26,44,1户",
        silent: "指标 户数：26,441户",
    },
    CodeInfo {
        code: "E0106",
        severity: Severity::Error,
        title: "允许检查时缺少理由",
        explanation: "“检查”块中用“允许”关闭某项检查时，必须在代码后用「」写明理由，\
            让审阅者知道为什么这里的发现可以不改。理由与设置写在一起，随文件一同审阅。",
        fires: include_str!("../../../tests/fixtures/checks/E0106-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0106-silent.policy"),
    },
    CodeInfo {
        code: "E0107",
        severity: Severity::Error,
        title: "无法调整的检查代码",
        explanation: "“检查”块中的代码不存在，或者属于编译器前端（E 开头）。\
            只有检查（A 算术、D 日期、R 规则、O 组织，开头的代码）可以允许、提示、警告或禁止。\
            运行 policyc explain 查看全部代码。",
        fires: include_str!("../../../tests/fixtures/checks/E0107-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0107-silent.policy"),
    },
    CodeInfo {
        code: "E0108",
        severity: Severity::Error,
        title: "项目配置无法读取",
        explanation: "政策文件所在文件夹（或其上级文件夹）中的 policyc.yaml 格式有误。\
            它的格式是：checks: 下每个检查代码对应一个级别（允许、提示、警告、禁止），\
            或 { level: 允许, reason: 理由 }；允许时必须写理由。\
            配置有误时，项目级的设置全部不生效，文件自己的“检查”块照常生效。",
        fires: "（policyc.yaml）\nchecks:\n  O402: 允许\n",
        silent: "（policyc.yaml）\nchecks:\n  O402: { level: 允许, reason: 区发改局即区发展和改革局 }\n",
    },
    CodeInfo {
        code: "E0110",
        severity: Severity::Error,
        title: "数值过大",
        explanation: "一个数连同它的 万、亿 和单位换算后超过了可以精确计算的范围（约 7.9 × 10²⁸），\
            例如 8000000000000亿亿元。policyc 用精确的十进制数计算，不做近似，\
            所以这个数不参与任何核对（表格中的这一格按文字处理）。真实通知中的数远小于这个范围，\
            出现时多半是单位或数量级写错了：请核对是否把 亿元 写成了 亿亿元，或多打了几位数字。",
        fires: include_str!("../../../tests/fixtures/checks/E0110-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0110-silent.policy"),
    },
    CodeInfo {
        code: "E0111",
        severity: Severity::Error,
        title: "日期中的数字过大",
        explanation: "日期中的年份、月份、日或季度的数字大到无法作为日期，例如 18446744073709551616年。\
            policyc 接受的年份是 1900—2200 年；在这个范围之外但数字不算太大的年份（如把 2022年 打成 2202年）由 D208 报告。\
            这样的数字不会被截成别的年份，也不会被当作方案的年份；请核对是否多打了数字。",
        fires: include_str!("../../../tests/fixtures/checks/E0111-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0111-silent.policy"),
    },
    CodeInfo {
        code: "E0112",
        severity: Severity::Error,
        title: "规则结果的各部分不能相加",
        explanation: "规则的结果可以分资金来源写出各部分，如 否则：中央3500元 + 地方1800元，policyc calc 按来源分别给出、合计相加。\
            各部分必须是同一种量的金额：3500元 与 60平方米、或与 50% 不能相加。请按通知原文核对每一部分的单位。",
        fires: include_str!("../../../tests/fixtures/checks/E0112-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0112-silent.policy"),
    },
    CodeInfo {
        code: "E0120",
        severity: Severity::Error,
        title: "指标的范围或乘积读不成一个数",
        explanation: "指标可以照原文写成范围（2-3个、30%–40%）或乘积（2*12.29Km），也可以带限定词（80.3%以上、不低于95%、不超过3万元）。\
            范围的两端须是同一种量、前一端不大于后一端（前一端没有单位时沿用后一端的，2-3万户 即 2万～3万户）；\
            乘积中只能有一个数带单位（2*12.29Km 是 24.58公里）。不是这样时，这个指标无法读成一个数，不参与核对。\
            请按通知原文核对：多半是漏了或写错了单位，或把两端写反了。",
        fires: include_str!("../../../tests/fixtures/checks/E0120-fires.policy"),
        silent: include_str!("../../../tests/fixtures/checks/E0120-silent.policy"),
    },
    CodeInfo {
        code: "E0500",
        severity: Severity::Error,
        title: "要导入的通知无法读取",
        explanation: "policyc import 打不开要导入的文件：文件不存在、没有读取权限，或者路径指向一个文件夹；\
            写出草稿时目标位置无法写入，也报告这一代码。请检查路径和权限后重试。",
        fires: "policyc import 不存在的通知.txt",
        silent: "policyc import 通知.txt",
    },
    CodeInfo {
        code: "E0501",
        severity: Severity::Error,
        title: "要导入的文件过大",
        explanation: "要导入的文件超过 32 MiB 的上限，policyc import 在读取之前就按文件大小拒绝了它。\
            一份通知的文字通常只有几十 KB，带图片的 Word 文档也不过几 MB；\
            这么大的文件多半是压缩包、扫描件、视频或数据库，而不是通知。请确认选中的是通知本身。",
        fires: "policyc import 300MB的文件.txt",
        silent: "policyc import 40KB的通知.txt",
    },
    CodeInfo {
        code: "E0502",
        severity: Severity::Error,
        title: "要导入的文件是空的",
        explanation: "要导入的文件没有内容，或者只有空格和空行（Word 文档中没有任何文字也是如此），\
            没有可以导入的通知。请确认文件已经保存，或者选中了正确的文件。",
        fires: "policyc import 空文件.txt",
        silent: "policyc import 有内容的通知.txt",
    },
    CodeInfo {
        code: "E0503",
        severity: Severity::Error,
        title: "要导入的文件不是文字",
        explanation: "要导入的文件既不是 UTF-8（可带 BOM）、带 BOM 的 UTF-16，也不是 GBK/GB18030 编码的文字，\
            或者含有文字文件中不会出现的控制字符：它多半是图片、PDF 或其他二进制文件。\
            policyc import 不猜测编码，读出的编码会显示在提示中。\
            PDF 请先用 pdftotext -layout 转成文字；其他格式请在原来的程序中另存为 .txt、.docx 或 .html。",
        fires: "policyc import 扫描件.png",
        silent: "policyc import 以GBK保存的通知.txt",
    },
    CodeInfo {
        code: "E0504",
        severity: Severity::Error,
        title: "不是可读的 Word 文档",
        explanation: "文件是一个压缩包（.docx 也是压缩包），但其中没有 Word 的正文 word/document.xml，\
            或者正文的 XML 已经损坏。改了扩展名的表格文件（.xlsx）、演示文稿或普通压缩包都会这样。\
            请在 Word 或 WPS 中打开原文件并另存为 .docx，或者另存为纯文本后再导入。",
        fires: "policyc import 改名为docx的表格.docx",
        silent: "policyc import Word保存的通知.docx",
    },
    CodeInfo {
        code: "E0505",
        severity: Severity::Error,
        title: "输出文件已经存在",
        explanation: "policyc import -o 指定的政策文件已经存在。导入从不覆盖已有的政策文件，\
            以免改好的草稿被重新导入的结果冲掉。请换一个文件名，或者确认要覆盖时加上 --force。",
        fires: "policyc import 通知.txt -o 已有的.policy",
        silent: "policyc import 通知.txt -o 已有的.policy --force",
    },
    CodeInfo {
        code: "E0600",
        severity: Severity::Error,
        title: "预览服务无法启动",
        explanation: "policyc serve 无法在本机地址 127.0.0.1 的这个端口上提供预览：端口多半已被另一个程序（或另一个 policyc serve）占用，\
            也可能是小于 1024 的端口需要管理员权限。请用 --port 换一个端口，例如 --port 9000；写 --port 0 则任选一个空闲端口，\
            实际的预览地址会打印出来。",
        fires: "policyc serve policies --port 8421（8421 已被占用）",
        silent: "policyc serve policies --port 0",
    },
    CodeInfo {
        code: "E0700",
        severity: Severity::Error,
        title: "calc：没有这条规则",
        explanation: "policyc calc 的第二个参数应是政策文件中一条“规则”的名字（规则 改造补贴 「…」 { … } 中的“改造补贴”）。消息列出文件中已有的规则名；请核对拼写。",
        fires: "policyc calc 方案.policy 不存在的规则 3.9万元",
        silent: "policyc calc 方案.policy 改造补贴 3.9万元",
    },
    CodeInfo {
        code: "E0701",
        severity: Severity::Error,
        title: "calc：读不出金额",
        explanation: "输入的金额应写作数字加单位，与通知的写法相同：3.9万元、39999.99元、60平方米；可用全角数字和千分位逗号。只写数字时，名册按列标题括号中的单位（改造费用（万元））或规则条件的单位读。算出的补贴超出精确小数的范围时也报告这一代码。",
        fires: "policyc calc 方案.policy 改造补贴 三万九",
        silent: "policyc calc 方案.policy 改造补贴 3.9万元",
    },
    CodeInfo {
        code: "E0702",
        severity: Severity::Error,
        title: "calc：金额的单位与规则的条件不符",
        explanation: "规则的条件以某种单位计（如 元），输入却是另一种量（如 平方米）。元 与 万元 同属金额，可以混用；平方米 与 元 不能。请按规则的“对象”给出输入。",
        fires: "policyc calc 方案.policy 改造补贴 60平方米",
        silent: "policyc calc 方案.policy 改造补贴 6万元",
    },
    CodeInfo {
        code: "E0703",
        severity: Severity::Error,
        title: "calc：输入为负数",
        explanation: "改造费用、面积等规则的输入不能为负。名册中一行为负数时，这一行被报告并跳过，其余各行照常计算。",
        fires: "policyc calc 方案.policy 改造补贴 -5000元",
        silent: "policyc calc 方案.policy 改造补贴 5000元",
    },
    CodeInfo {
        code: "E0704",
        severity: Severity::Error,
        title: "calc：输入不在规则的任何条件之内",
        explanation: "规则的各条件都不包括这个输入，规则也没有写“否则”：通知在这里有缺口（R301 在检查时报告同一缺口）。消息列出各条件；请按通知原文确认这一情形应得多少，在规则中补上条件或“否则”。",
        fires: "policyc calc 有缺口的方案.policy 改造补贴 4万元",
        silent: "policyc calc 方案.policy 改造补贴 3.9万元",
    },
    CodeInfo {
        code: "E0705",
        severity: Severity::Error,
        title: "calc：名册无法读取",
        explanation: "--roster 给出的名册不存在、无法读取，或既不是 UTF-8（可带 BOM）也不是 GBK 编码的 CSV。请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”。",
        fires: "policyc calc 方案.policy 改造补贴 --roster 不存在.csv",
        silent: "policyc calc 方案.policy 改造补贴 --roster 名册.csv",
    },
    CodeInfo {
        code: "E0706",
        severity: Severity::Warning,
        title: "calc：名册中有一行有误",
        explanation: "名册中这一行缺少输入、输入列写的是文字、为负数、单位不符或不在规则的条件之内。这一行被报告（给出行号）并跳过，不计入合计，其余各行照常计算；没有一行会被悄悄丢掉。",
        fires: "policyc calc 方案.policy 改造补贴 --roster 有空格的名册.csv",
        silent: "policyc calc 方案.policy 改造补贴 --roster 名册.csv",
    },
    CodeInfo {
        code: "E0707",
        severity: Severity::Error,
        title: "calc：输出文件已经存在",
        explanation: "-o 指定的结果文件已经存在，或就是名册本身。policyc calc 从不覆盖已有文件，以免名册或上次的结果被冲掉。请换一个文件名。",
        fires: "policyc calc 方案.policy 改造补贴 --roster 名册.csv -o 名册.csv",
        silent: "policyc calc 方案.policy 改造补贴 --roster 名册.csv -o 结果.csv",
    },
    CodeInfo {
        code: "E0708",
        severity: Severity::Error,
        title: "calc：缺少规则需要的输入，或同一种输入给了两个",
        explanation: "规则按几种量计算时（例如条件按改造费用、补贴按面积 30元/平方米），每户要给出每一种量，\
            一户的几个输入写在一个参数里，用“、”或“；”分隔：policyc calc 方案.policy 补贴 3.9万元、80平方米。\
            缺少其中一种，或同一种量（两个以元计的数）给了两个，都报告这一代码。名册缺少某一输入列时，每一行都无法计算，也报告这一代码。",
        fires: "policyc calc 方案.policy 面积补贴 3.9万元（规则还按平方米计算）",
        silent: "policyc calc 方案.policy 面积补贴 3.9万元、80平方米",
    },
    CodeInfo {
        code: "E0709",
        severity: Severity::Error,
        title: "calc：规则的上限或费率用不上",
        explanation: "规则结果的上限应写作补贴的单位（最高不超过3万元），或写作补贴所按的输入的单位\
            （30元/平方米，最高不超过60平方米：面积超过60平方米的按60平方米计）。上限写成别的量（如 50%，最高不超过60平方米，而百分比按费用计），\
            或百分比的结果出现在没有条件的规则中，policyc calc 无法确定其含义，报告这一代码而不猜测。请按通知原文核对上限的单位。",
        fires: "若 不足4万元：50%，最高不超过60平方米",
        silent: "若 不足4万元：50%，最高不超过1.5万元",
    },
    CodeInfo {
        code: "E0710",
        severity: Severity::Warning,
        title: "calc：规则本身有错误，结果不可靠",
        explanation: "要计算的规则本身有错误（如条件重叠而补贴不同 R302、结果单位无法相加 E0112、计量单位无法识别），\
            这些错误先列出，policyc calc 仍给出按先写的一项算出的结果，但标明“不可靠”，退出状态为 1。\
            文件其他地方的错误不影响这条规则，只提示个数。请先改正规则，再计算。",
        fires: "policyc calc 有重叠的方案.policy 改造补贴 4万元",
        silent: "policyc calc 方案.policy 改造补贴 4万元",
    },
    CodeInfo {
        code: "E0711",
        severity: Severity::Warning,
        title: "calc：名册的补贴合计超过预算",
        explanation: "--budget 指定政策文件中的一个金额（如 总投资），名册的补贴合计超过了它；这个金额有按资金来源的分项\
            （总投资.中央）时，还把同名资金来源的补贴合计与分项比较。超出时报告超出的数额，退出状态为 1；\
            名册只是部分农户时，超出说明预算不够。路径不是文件中以元计的数时也报告这一代码。",
        fires: "policyc calc 方案.policy 补助 --roster 名册.csv --budget 总投资（名册合计超过总投资）",
        silent: "policyc calc 方案.policy 补助 --roster 名册.csv --budget 总投资（未超出）",
    },
    CodeInfo {
        code: "E0900",
        severity: Severity::Error,
        title: "内部错误",
        explanation: "某项检查，或读取、整理某个文件的某个阶段，在运行中意外中止。这是 policyc 自身的缺陷，不是政策文件的问题；\
            一项检查中止时其余检查照常进行，结果仍然有效；读取或整理一个文件时中止，这个文件的其余问题无法报告，\
            同一次运行中的其他文件照常处理。请把政策文件和这条消息报告给 policyc 的维护者。",
        fires: "（无法用政策文件稳定地触发）",
        silent: "指标 户数：460户",
    },
];
