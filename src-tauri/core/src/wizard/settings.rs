//! The first settings of a connection (variant option type, order filters, offers), offered on
//! Status once the connection is active and again from Manage — read and written through Core1's
//! (assumed) `getSettings` / `updateSettings` ([`crate::core1::channels`]).
//!
//! What the screen sends is a [`SettingsForm`] (the fields as typed); it is checked here, so a
//! date or ID Core1 could not use comes back as `settings_invalid` before anything is sent.

use serde::Deserialize;

use super::engine::Engine;
use super::known::ConnectionKey;
use crate::core1::channels::{ConnectionSettings, VariantOptionType};
use crate::error::{Error, Result};

/// BigCommerce's order status ids (`status_id`, 0 Incomplete … 14 Partially Refunded; BigCommerce
/// docs, `reference/orders.v2.oas2.yml`, Order Status).
pub(super) const ORDER_STATUS_IDS: std::ops::RangeInclusive<u32> = 0..=14;

/// The largest order number the screen can carry unchanged: the page holds numbers as
/// JavaScript numbers (IEEE doubles), exact only up to 2^53 − 1 (`Number.MAX_SAFE_INTEGER`), so
/// a larger one would come back altered on the next save.
pub(super) const ORDER_ID_MAX: u64 = (1 << 53) - 1;

/// The settings as the screen sends them: text fields as typed.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SettingsForm {
    pub variant_option_type: VariantOptionType,
    pub order_statuses: Vec<u32>,
    /// `YYYY-MM-DD`, or empty for no date filter.
    #[serde(default)]
    pub orders_created_after: String,
    /// A whole number (that order and later ones), or empty for no ID filter.
    #[serde(default)]
    pub orders_id_from: String,
    pub import_archived_orders: bool,
    #[serde(default)]
    pub only_push_mapped_attributes: bool,
}

impl SettingsForm {
    /// The settings Core1 gets, or `settings_invalid` naming the field.
    pub fn validate(&self) -> Result<ConnectionSettings> {
        let mut statuses: Vec<u32> = self
            .order_statuses
            .iter()
            .copied()
            .filter(|s| ORDER_STATUS_IDS.contains(s))
            .collect();
        statuses.sort_unstable();
        statuses.dedup();
        if statuses.is_empty() || statuses.len() != self.order_statuses.len() {
            return Err(Error::SettingsInvalid { field: "statuses" });
        }
        let date = self.orders_created_after.trim();
        let orders_created_after = if date.is_empty() {
            None
        } else if is_day(date) {
            Some(date.to_owned())
        } else {
            return Err(Error::SettingsInvalid { field: "date" });
        };
        let id = self.orders_id_from.trim();
        let orders_id_from = if id.is_empty() {
            None
        } else {
            let n = id
                .parse::<u64>()
                .map_err(|_| Error::SettingsInvalid { field: "id" })?;
            if n > ORDER_ID_MAX {
                return Err(Error::SettingsInvalid { field: "id" });
            }
            Some(n)
        };
        Ok(ConnectionSettings {
            variant_option_type: self.variant_option_type,
            order_statuses: statuses,
            orders_created_after,
            orders_id_from,
            import_archived_orders: self.import_archived_orders,
            only_push_mapped_attributes: self.only_push_mapped_attributes,
        })
    }
}

/// Whether `s` is a real calendar day written `YYYY-MM-DD` (years 1970–9999).
pub(super) fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1970 && (1..=days).contains(&d)
}

impl Engine {
    /// A known connection's settings as Core1 has them.
    pub async fn settings_load(&self, key: &ConnectionKey) -> Result<ConnectionSettings> {
        let (_, client) = self.known_with_client(key).await?;
        let action = self.action(super::Step::Manage, "get_settings");
        let result = client.get_settings(key.id).await;
        self.finish_action(action, result).await
    }

    /// Checks and saves a known connection's settings; answers them as Core1 keeps them.
    pub async fn settings_save(
        &self,
        key: &ConnectionKey,
        form: &SettingsForm,
    ) -> Result<ConnectionSettings> {
        let settings = form.validate()?;
        let (_, client) = self.known_with_client(key).await?;
        let action = self
            .action(super::Step::Manage, "update_settings")
            .about(key);
        let result = client.update_settings(key.id, &settings).await;
        let saved = self.finish_action(action, result).await?;
        tracing::info!(id = key.id, workspace = %key.workspace, "connection settings saved");
        Ok(saved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(date: &str, id: &str, statuses: Vec<u32>) -> SettingsForm {
        SettingsForm {
            variant_option_type: VariantOptionType::RadioButtons,
            order_statuses: statuses,
            orders_created_after: date.into(),
            orders_id_from: id.into(),
            import_archived_orders: true,
            only_push_mapped_attributes: true,
        }
    }

    #[test]
    fn days() {
        for ok in ["2024-02-29", "2000-02-29", "1970-01-01", "2025-12-31"] {
            assert!(is_day(ok), "{ok}");
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "24-01-01",
            "2024/01/01",
            "2024-1-01",
            "+024-01-01",
            "2024-01-0a",
            "",
        ] {
            assert!(!is_day(bad), "{bad}");
        }
    }

    #[test]
    fn form_checks_each_field() {
        let s = form(" 2024-03-01 ", " 120 ", vec![11, 2, 11]).validate();
        assert_eq!(
            s.err(),
            Some(Error::SettingsInvalid { field: "statuses" }),
            "a status twice is a confused form"
        );
        let s = form(" 2024-03-01 ", " 120 ", vec![11, 2])
            .validate()
            .unwrap();
        assert_eq!(s.order_statuses, vec![2, 11]);
        assert_eq!(s.orders_created_after.as_deref(), Some("2024-03-01"));
        assert_eq!(s.orders_id_from, Some(120));
        assert!(s.only_push_mapped_attributes);
        let s = form("", "", vec![0]).validate().unwrap();
        assert_eq!((s.orders_created_after, s.orders_id_from), (None, None));
        let bad = |f: SettingsForm| f.validate().err();
        assert_eq!(
            bad(form("01.03.2024", "", vec![11])),
            Some(Error::SettingsInvalid { field: "date" })
        );
        assert_eq!(
            bad(form("", "-3", vec![11])),
            Some(Error::SettingsInvalid { field: "id" })
        );
        assert_eq!(
            bad(form("", "1.5", vec![11])),
            Some(Error::SettingsInvalid { field: "id" })
        );
        assert_eq!(
            form("", "9007199254740991", vec![11])
                .validate()
                .unwrap()
                .orders_id_from,
            Some(ORDER_ID_MAX),
            "the largest number a page keeps exactly"
        );
        assert_eq!(
            bad(form("", "9007199254740993", vec![11])),
            Some(Error::SettingsInvalid { field: "id" }),
            "2^53 + 1 would reach Core1 as 2^53 after the page's next save"
        );
        assert_eq!(
            bad(form("", "", vec![])),
            Some(Error::SettingsInvalid { field: "statuses" })
        );
        assert_eq!(
            bad(form("", "", vec![15])),
            Some(Error::SettingsInvalid { field: "statuses" })
        );
    }
}
