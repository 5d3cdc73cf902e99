//! Per-thread memos for pure functions of a short text that the front end and the checks call
//! thousands of times with a few dozen distinct arguments (a unit as written, a unit's name).

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

/// A memo: declare one per function with `thread_local!`.
pub(crate) type Memo<V> = RefCell<HashMap<String, V>>;

/// How many readings a memo keeps before it starts over: texts repeat within a notice, not
/// across thousands of them, so a bound keeps a long run's memory flat.
const KEPT: usize = 4096;

/// `make(key)`, remembered in `memo` for this thread.
pub(crate) fn remembered<V: Clone>(
    memo: &'static LocalKey<Memo<V>>,
    key: &str,
    make: impl FnOnce(&str) -> V,
) -> V {
    if let Some(known) = memo.with(|m| m.borrow().get(key).cloned()) {
        return known;
    }
    let value = make(key);
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= KEPT {
            m.clear();
        }
        m.insert(key.to_string(), value.clone());
    });
    value
}
