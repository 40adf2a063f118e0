//! The OAuth scopes the Core1 connector needs — the one place they are listed.
//!
//! Used for the browser sign-in's `scope` parameter and for the "tick these boxes" list on the
//! API-account road, and for checking a pasted key: each scope names a read probe (a `GET`
//! that needs at least read-only access) and, where modify access is needed, a write probe
//! that never changes the store. `label_key` is the UI's locale key; `control_panel` is the row
//! and access level as BigCommerce's control panel shows them when creating an API account
//! ("OAuth scopes", BigCommerce docs, API accounts).
//!
//! What each write probe gets back, by the operation's document (bigcommerce/docs at 24f580ca):
//!
//! | probe | document | answer with the scope |
//! |---|---|---|
//! | `POST v3/catalog/products {}` | `reference/catalog/products_catalog.v3.yml`: `name`, `type`, `weight`, `price` required | 422 |
//! | `POST v2/orders {}` | `reference/orders.v2.oas2.yml`: "`products` or `consignments`", `billing_address` required | a 4xx |
//! | `PUT v3/inventory/adjustments/absolute {}` | `reference/inventory.v3.yml`: `items` required | 422 (`application/problem+json`) |
//! | `POST v3/channels {}` | `reference/channels.v3.yml`: `name`, `type`, `platform` required | 422 |
//! | `POST v3/channels/1/listings []` | `reference/channels.v3.yml`: an array of listings, no minimum length | **200 with no listings**: the empty array is valid, so nothing is refused — and nothing is created |
//!
//! Any answer but 403 counts as "granted"; every probe leaves the store as it was.
//!
//! **Assumption** (write probes): BigCommerce checks the token's scope before it validates the
//! body, so a probe answers 403 without the scope whatever the body. If it did not, a probe
//! would pass and Core1's own credentials check would still name the problem later.

use serde::Serialize;

/// Access level as the control panel offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ScopeAccess {
    ReadOnly,
    Modify,
}

/// One scope the connector needs, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScopeSpec {
    /// OAuth scope name, e.g. `store_v2_products`.
    pub scope: &'static str,
    /// Locale key of the human label (`ui/locales/*.json`).
    pub label_key: &'static str,
    /// The row in BigCommerce's API-account form.
    pub control_panel: &'static str,
    /// The level to tick.
    pub access: ScopeAccess,
    /// Why the connector needs it (English, for docs and diagnostics).
    pub why: &'static str,
    /// A `GET` (path below `/stores/{hash}/`) that needs at least read-only access.
    pub read_probe: &'static str,
    /// For modify access: a write that changes nothing when allowed (module doc).
    pub write_probe: Option<WriteProbe>,
}

/// A request that needs modify access and changes nothing (its body is invalid, or an empty
/// list; module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WriteProbe {
    /// `POST` or `PUT`.
    pub method: &'static str,
    /// Path below `/stores/{hash}/`.
    pub path: &'static str,
    /// An empty body: refused as invalid (400/422), or for listings an empty list (200).
    pub body: &'static str,
}

/// Everything the connector needs.
pub const REQUIRED_SCOPES: &[ScopeSpec] = &[
    ScopeSpec {
        scope: "store_v2_information_read_only",
        label_key: "scope.information_read_only",
        control_panel: "Information & settings",
        access: ScopeAccess::ReadOnly,
        why: "Read the store's name, domain, plan, currency and time to show and check the store (GET /v2/store, /v2/time).",
        read_probe: "v2/store",
        write_probe: None,
    },
    ScopeSpec {
        scope: "store_v2_products",
        label_key: "scope.products_modify",
        control_panel: "Products",
        access: ScopeAccess::Modify,
        why: "Create and update products, variants, categories and brands from Core1.",
        read_probe: "v3/catalog/products?limit=1",
        write_probe: Some(WriteProbe {
            method: "POST",
            path: "v3/catalog/products",
            body: "{}",
        }),
    },
    ScopeSpec {
        scope: "store_v2_orders",
        label_key: "scope.orders_modify",
        control_panel: "Orders",
        access: ScopeAccess::Modify,
        why: "Import orders into Core1 and write back order status and shipments.",
        read_probe: "v2/orders/count",
        write_probe: Some(WriteProbe {
            method: "POST",
            path: "v2/orders",
            body: "{}",
        }),
    },
    ScopeSpec {
        scope: "store_v2_customers_read_only",
        label_key: "scope.customers_read_only",
        control_panel: "Customers",
        access: ScopeAccess::ReadOnly,
        why: "Read the customers of imported orders.",
        read_probe: "v3/customers?limit=1",
        write_probe: None,
    },
    ScopeSpec {
        scope: "store_inventory",
        label_key: "scope.inventory_modify",
        control_panel: "Store inventory",
        access: ScopeAccess::Modify,
        why: "Keep stock levels in BigCommerce in step with Core1.",
        read_probe: "v3/inventory/items?limit=1",
        write_probe: Some(WriteProbe {
            method: "PUT",
            path: "v3/inventory/adjustments/absolute",
            body: "{}",
        }),
    },
    ScopeSpec {
        scope: "store_channel_settings",
        label_key: "scope.channel_settings_modify",
        control_panel: "Channel settings",
        access: ScopeAccess::Modify,
        why: "Register Core1 as a sales channel and read channel settings.",
        read_probe: "v3/channels",
        write_probe: Some(WriteProbe {
            method: "POST",
            path: "v3/channels",
            body: "{}",
        }),
    },
    ScopeSpec {
        scope: "store_channel_listings",
        label_key: "scope.channel_listings_modify",
        control_panel: "Channel listings",
        access: ScopeAccess::Modify,
        why: "Manage which products are listed on the channel.",
        read_probe: "v3/channels/1/listings?limit=1",
        write_probe: Some(WriteProbe {
            method: "POST",
            path: "v3/channels/1/listings",
            body: "[]",
        }),
    },
];

/// The `scope` parameter: the required scopes separated by spaces.
pub fn scope_param() -> String {
    REQUIRED_SCOPES
        .iter()
        .map(|s| s.scope)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The required scopes missing from a granted `scope` string (space- or comma-separated).
/// A granted modify scope covers its read-only form (`store_v2_products` covers
/// `store_v2_products_read_only`).
#[cfg(feature = "test-support")]
pub fn missing(granted: &str) -> Vec<&'static ScopeSpec> {
    let granted: Vec<&str> = granted
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .collect();
    REQUIRED_SCOPES
        .iter()
        .filter(|spec| {
            let base = spec.scope.trim_end_matches("_read_only");
            !granted.iter().any(|g| *g == spec.scope || *g == base)
        })
        .collect()
}

/// The rows of `specs` as BigCommerce's control panel names them, for messages and logs.
pub(crate) fn rows(specs: &[&ScopeSpec]) -> String {
    specs
        .iter()
        .map(|s| s.control_panel)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_param_lists_all() {
        let p = scope_param();
        assert_eq!(p.split(' ').count(), REQUIRED_SCOPES.len());
        assert!(p.contains("store_v2_products"));
    }

    #[test]
    fn every_modify_scope_has_a_write_probe() {
        for s in REQUIRED_SCOPES {
            assert_eq!(
                s.write_probe.is_some(),
                s.access == ScopeAccess::Modify,
                "{}",
                s.scope
            );
            assert!(!s.read_probe.starts_with('/'));
        }
    }

    #[test]
    fn missing_scopes() {
        assert!(missing(&scope_param()).is_empty());
        let m = missing("store_v2_information store_v2_products");
        assert!(m.iter().any(|s| s.scope == "store_v2_orders"));
        assert!(!m
            .iter()
            .any(|s| s.scope == "store_v2_information_read_only"));
        assert_eq!(missing("").len(), REQUIRED_SCOPES.len());
    }
}
