//! A user's template folder (`Templates::with_override`) overrides built-in templates, but a
//! template cannot read a file outside that folder: not by `../`, not by an absolute path,
//! not through a symlink.

use std::path::PathBuf;

use policyc::render::Templates;

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("policyc-tpl-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn templates_cannot_read_outside_their_folder() {
    let base = temp("confine");
    let user = base.join("templates");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(base.join("secret.txt"), "SECRET-OUTSIDE").unwrap();
    std::fs::write(user.join("own.j2"), "own:{{ x }}").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(base.join("secret.txt"), user.join("link.j2")).unwrap();
    let absolute = base.join("secret.txt").display().to_string();
    std::fs::write(
        user.join("probe.md.j2"),
        format!(
            "{{% include \"own.j2\" %}}|\
             {{% include \"../secret.txt\" ignore missing %}}|\
             {{% include \"{absolute}\" ignore missing %}}|\
             {{% include \"link.j2\" ignore missing %}}|\
             {{% include \"./../secret.txt\" ignore missing %}}"
        ),
    )
    .unwrap();
    let templates = Templates::with_override(Some(&user));
    let out = templates
        .render("probe.md.j2", &serde_json::json!({ "x": 1 }))
        .expect("the probe renders");
    assert!(out.starts_with("own:1|"), "{out}");
    assert!(!out.contains("SECRET"), "{out}");
    // The built-in templates are still there for names the folder does not override.
    assert!(templates
        .render("macros.j2", &serde_json::json!({}))
        .is_ok());
    std::fs::remove_dir_all(&base).unwrap();
}
