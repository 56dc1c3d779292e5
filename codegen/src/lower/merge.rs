//! One operation from several sources: the precedence rule.
//!
//! An operation id may be documented by a current page, by pages of older versions and by an
//! OpenAPI file. Sources rank by [`Origin`]: current page, then history page, then OpenAPI. The
//! best-ranked source defines the endpoint (its path, parameters, samples, prose); lower-ranked
//! sources fill in only what it leaves out: a success response type (a page that documents only
//! errors), a request body, the query parameters, the description. Two sources of the same rank
//! for one operation id are a problem naming both places.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::doc::{DocOperation, ParamIn};

/// Merges the operations by operation id; returns them in operation-id order.
pub fn merge(operations: &[DocOperation], problems: &mut Vec<Diagnostic>) -> Vec<DocOperation> {
    let mut by_id: BTreeMap<&str, Vec<&DocOperation>> = BTreeMap::new();
    for op in operations {
        by_id.entry(op.operation_id.as_str()).or_default().push(op);
    }
    let mut out = Vec::with_capacity(by_id.len());
    for (_, mut sources) in by_id {
        // Stable: equal origins keep input (file) order.
        sources.sort_by_key(|op| op.origin);
        let mut sources = sources.into_iter();
        let Some(first) = sources.next() else { continue };
        let mut merged = first.clone();
        for other in sources {
            if other.origin == first.origin {
                problems.push(Diagnostic::at(
                    &other.source,
                    format!("operation `{}` is already documented at {}", other.operation_id, first.source),
                ));
                continue;
            }
            fill(&mut merged, other);
        }
        out.push(merged);
    }
    out
}

/// Fills what `op` leaves out from a lower-ranked source of the same operation.
fn fill(op: &mut DocOperation, other: &DocOperation) {
    if op.success().and_then(|r| r.ty.as_ref()).is_none() {
        if let Some(success) = other.success().filter(|r| r.ty.is_some()) {
            op.responses.retain(|r| !(200..300).contains(&r.status) || r.status == 204);
            op.responses.push(success.clone());
            op.responses.sort_by_key(|r| r.status);
        }
    }
    if op.body.is_none() {
        op.body.clone_from(&other.body);
    }
    if op.params_in(ParamIn::Query).next().is_none() {
        op.params.extend(other.params_in(ParamIn::Query).cloned());
    }
    if op.description.trim().is_empty() {
        op.description.clone_from(&other.description);
    }
    if op.sample_response.is_none() {
        op.sample_response.clone_from(&other.sample_response);
    }
}
