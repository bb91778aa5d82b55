//! The example statement at the project root passes its own check.

use crate::support::{project_root, psdoc_command};

#[test]
fn example_statement_passes() {
    let output = psdoc_command()
        .current_dir(project_root())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["summary"]["errors"], 0, "{json:#}");
    let words = json["summary"]["words"].as_u64().unwrap();
    assert!((4000..=4900).contains(&words), "example has {words} words");
    assert_eq!(output.status.code(), Some(0));
}
