//! The members of a leadership group as notices list them: `组  长：李  鹏    旗人民政府副旗长`
//! on one line, names and posts on the lines under a role, or one cell a line (the role, the
//! name, the post, each on a line of its own, as a table copied out of Word comes), where a
//! member without a name has only the post.

use super::structure::{numbering, Member};

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn has_sentence_punct(s: &str) -> bool {
    s.contains(['。', '，', '；', ',', ';'])
}

const ROLES: &[&str] = &[
    "常务副组长",
    "第一副组长",
    "副组长",
    "组长",
    "成员",
    "副主任",
    "主任",
    "组员",
    "联络员",
];

/// `组  长：李  鹏    旗人民政府副旗长` → the role and the rest.
pub(super) fn role_line(s: &str) -> Option<(String, String)> {
    let (head, rest) = s.split_once(['：', ':'])?;
    let compact: String = head.chars().filter(|c| !c.is_whitespace()).collect();
    if chars(head) > 8 || !ROLES.contains(&compact.as_str()) {
        return None;
    }
    Some((compact, rest.trim().to_string()))
}

/// A member line under a role: `王玉泉    昭君街道办事处主任` — a short name, blanks, a post.
pub(super) fn member_line(s: &str) -> bool {
    let parts: Vec<&str> = s.split_whitespace().collect();
    numbering(s).is_none()
        && parts.len() >= 2
        && !has_sentence_punct(s)
        && !s.contains(['：', ':'])
        && chars(parts[0]) <= 4
        && chars(s) <= 50
}

/// Splits `李  鹏    旗人民政府副旗长` into name and post. A one-character first part followed by
/// a one- or two-character part is a name written with a blank inside (李  鹏).
pub(super) fn split_member(text: &str) -> (Option<String>, String) {
    let parts: Vec<&str> = text.split_whitespace().collect();
    match parts.as_slice() {
        [] => (None, String::new()),
        [only] => {
            if chars(only) <= 3 {
                (Some(only.to_string()), String::new())
            } else {
                (None, only.to_string())
            }
        }
        [a, b, rest @ ..] if chars(a) == 1 && chars(b) <= 2 && !rest.is_empty() => {
            (Some(format!("{a}{b}")), rest.join(""))
        }
        [a, rest @ ..] if chars(a) <= 4 => (Some(a.to_string()), rest.join("")),
        _ => (None, parts.join("")),
    }
}

/// A line that holds only a role: `组长：`, or a role the notice garbled (`长:`, `员：`) —
/// kept as written, for O405 to report. Returns the role, blanks removed.
fn role_alone(s: &str) -> Option<String> {
    let head = s.strip_suffix(['：', ':'])?;
    let compact: String = head.chars().filter(|c| !c.is_whitespace()).collect();
    let garbled = (1..=5).contains(&chars(&compact))
        && compact.ends_with(['长', '员', '任'])
        && !compact.contains(['局', '区', '县', '镇']);
    (ROLES.contains(&compact.as_str()) || garbled).then_some(compact)
}

/// Words a post ends with (局长, 区委副书记、区长, 经理).
const POST_ENDS: &[&str] = &[
    "长",
    "书记",
    "主任",
    "经理",
    "负责人",
    "主席",
    "委员",
    "总监",
    "总工",
    "干部",
    "专员",
];

fn post_like(s: &str) -> bool {
    chars(s) <= 40
        && !s.contains(['。', '；', ';', '：', ':'])
        && POST_ENDS.iter().any(|e| s.ends_with(e))
}

/// A member that is a body of people, not a person: the leaders of several units named at
/// once (`两镇、各街道办事处主要领导`, `各乡镇主要负责人`, `有关部门负责同志`). The notice gives no
/// name because there is none to give: recorded as （集体）, not as a missing name.
pub(super) fn collective(s: &str) -> bool {
    let many = s.contains('各') || s.starts_with("有关") || s.starts_with("相关");
    many && !s.contains(['，', ','])
        && (post_like(s) || ["领导", "同志"].iter().any(|e| s.ends_with(e)))
}

/// A person's name: two to four characters, Chinese (a · inside for a minority name).
fn name_like(s: &str) -> bool {
    let n = chars(s);
    (2..=5).contains(&n)
        && s.chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '·')
        && !post_like(s)
}

/// Members one cell a line from line `at` of `lines`: a role line, then name and post lines,
/// a post without a name above it being a member whose name the notice leaves out. None
/// unless the role line is followed by at least one member. Returns the members and how many
/// lines they took.
pub(super) fn one_a_line(lines: &[Option<&str>], at: usize) -> Option<(Vec<Member>, usize)> {
    let mut role = role_alone(lines.get(at).copied().flatten()?)?;
    let mut members = Vec::new();
    let mut k = at + 1;
    loop {
        let line = |k: usize| lines.get(k).copied().flatten();
        let Some(l) = line(k) else { break };
        if let Some(r) = role_alone(l) {
            // A role line must have a member under it.
            let next = line(k + 1);
            if !next.is_some_and(|n| name_like(n) || post_like(n) || collective(n)) {
                break;
            }
            role = r;
            k += 1;
        } else if name_like(l) && line(k + 1).is_some_and(post_like) {
            members.push(Member {
                role: role.clone(),
                name: Some(l.to_string()),
                post: line(k + 1).unwrap_or_default().to_string(),
            });
            k += 2;
        } else if (post_like(l) || collective(l)) && !members.is_empty() {
            members.push(Member {
                role: role.clone(),
                name: None,
                post: l.to_string(),
            });
            k += 1;
        } else {
            break;
        }
    }
    (!members.is_empty()).then_some((members, k - at))
}

/// Members laid out as a table, as a Word notice (and policyc's own notice.docx) sets a group:
/// each row a role cell (`组长：`, or empty under the role above), a name and a post; a row with
/// only a post is a member without a name (or a collective one). None unless every row reads
/// so and there are two members or more.
pub(super) fn roster(rows: &[Vec<String>]) -> Option<Vec<Member>> {
    let mut members = Vec::new();
    let mut role: Option<String> = None;
    for r in rows {
        let (first, rest) = r.split_first()?;
        let first = first.trim();
        if !first.is_empty() {
            let with_colon = if first.ends_with(['：', ':']) {
                first.to_string()
            } else {
                format!("{first}：")
            };
            role = Some(role_alone(&with_colon)?);
        }
        let role = role.clone()?;
        let cells: Vec<&str> = rest
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        let member = match cells.as_slice() {
            [name, post] => {
                let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
                if !name_like(&name) {
                    return None;
                }
                Member {
                    role,
                    name: Some(name),
                    post: post.to_string(),
                }
            }
            [post] if post_like(post) || collective(post) => Member {
                role,
                name: None,
                post: post.to_string(),
            },
            _ => return None,
        };
        members.push(member);
    }
    (members.len() >= 2).then_some(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_with_blank_inside_names_and_missing_names() {
        assert_eq!(
            split_member("李  鹏    旗人民政府副旗长"),
            (Some("李鹏".into()), "旗人民政府副旗长".into())
        );
        assert_eq!(split_member("区能源局局长"), (None, "区能源局局长".into()));
    }

    #[test]
    fn a_table_of_roles_names_and_posts_is_a_roster() {
        let row = |a: &str, b: &str, c: &str| vec![a.to_string(), b.to_string(), c.to_string()];
        let members = roster(&[
            row("组长：", "李鹏", "旗人民政府副旗长"),
            row("成员：", "杨东", "旗人民政府办公室副主任"),
            row("", "王 旭", "区审计局局长"),
            row("", "", "两镇、各街道办事处主要领导"),
        ])
        .expect("a roster");
        assert_eq!(members.len(), 4);
        assert_eq!(members[2].name.as_deref(), Some("王旭"));
        assert_eq!(members[2].role, "成员");
        assert_eq!(members[3].name, None);
        // A table of figures is not one.
        assert!(roster(&[row("序号", "乡镇", "户数"), row("1", "高闸镇", "1200")]).is_none());
    }

    #[test]
    fn the_leaders_of_several_units_are_a_collective_member() {
        assert!(collective("两镇、各街道办事处主要领导"));
        assert!(collective("各乡镇主要负责人"));
        assert!(collective("有关部门负责同志"));
        assert!(!collective("区能源局局长"));
        assert!(!collective("各镇要落实责任，加强领导"));
    }

    #[test]
    fn members_one_cell_a_line_with_garbled_roles_and_missing_names() {
        let text = [
            "长:",
            "成国栋",
            "区委副书记、区长",
            "第一副组长:",
            "赵斌山",
            "区政府副区长",
            "员:",
            "李兴龙",
            "北旺庄街道党工委书记",
            "神头街道党工委书记",
            "领导小组下设办公室。",
        ];
        let lines: Vec<Option<&str>> = text.iter().map(|l| Some(*l)).collect();
        let (members, used) = one_a_line(&lines, 0).expect("members");
        assert_eq!(used, 10);
        let got: Vec<(&str, Option<&str>, &str)> = members
            .iter()
            .map(|m| (m.role.as_str(), m.name.as_deref(), m.post.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("长", Some("成国栋"), "区委副书记、区长"),
                ("第一副组长", Some("赵斌山"), "区政府副区长"),
                ("员", Some("李兴龙"), "北旺庄街道党工委书记"),
                ("员", None, "神头街道党工委书记"),
            ]
        );
    }
}
