//! Products whose custom URLs collide: a known cause of failed uploads from Core1 — "Upload of
//! the product partially failed … HTTP Status: 207, Title: The product was saved with some
//! issues, Errors: The URL is a duplicate" (Actindo-AG/Documentation at bd453b86,
//! `BigCommerce/Troubleshooting/01_UploadOfProductFailed.md`).
//!
//! Reads every product's `custom_url` (and name) page by page, 250 at a time, through the
//! client's rate limiter: `GET /v3/catalog/products?include_fields=name,custom_url&limit=250&page=N`
//! (BigCommerce docs, bigcommerce/docs at 24f580ca, `reference/catalog/products_catalog.v3.yml`,
//! Get All Products: `include_fields`, `limit` up to 250, `meta.pagination.total_pages`). A store
//! with 10,000 products takes 40 requests of a quota (150–450 per 30 s) shared with every app on
//! the store, so the check runs only when asked, and reports its progress after every page.
//!
//! **How URLs are compared** (decided here; BigCommerce does not document which spellings it
//! treats as the same URL): ignoring letter case and a trailing slash (`/Shirt` and `/shirt/`
//! collide). BigCommerce refuses an exact duplicate when a product is saved, so most stores have
//! none; the check still reports exact ones (older data, imports) and the near ones.

use serde::{Deserialize, Serialize};

use super::client::BigCommerceClient;
use crate::error::Result;

/// Products per page: the most BigCommerce gives.
pub(crate) const PAGE_SIZE: u32 = 250;
/// The most pages read (250,000 products): a server that keeps announcing pages cannot keep the
/// check going.
pub(crate) const MAX_PAGES: u32 = 1000;

/// One product of a collision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProductUrl {
    pub id: u64,
    pub name: String,
    pub url: String,
}

/// Products whose URLs collide (two or more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UrlCollision {
    /// The URL as the first of them has it.
    pub url: String,
    pub products: Vec<ProductUrl>,
}

/// What the check found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UrlCheck {
    /// Products read.
    pub products: u32,
    pub collisions: Vec<UrlCollision>,
}

#[derive(Deserialize)]
struct CustomUrl {
    url: String,
}
#[derive(Deserialize)]
struct Product {
    id: u64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    custom_url: Option<CustomUrl>,
}
#[derive(Deserialize, Default)]
struct Pagination {
    #[serde(default)]
    total: u32,
    #[serde(default)]
    total_pages: u32,
}
#[derive(Deserialize, Default)]
struct Meta {
    #[serde(default)]
    pagination: Pagination,
}
#[derive(Deserialize)]
struct Page {
    data: Vec<Product>,
    #[serde(default)]
    meta: Meta,
}

/// The form two URLs are compared in: lower case, no trailing slash (the root stays `/`).
pub(crate) fn comparable(url: &str) -> String {
    let lower = url.trim().to_lowercase();
    match lower.trim_end_matches('/') {
        "" => "/".to_owned(),
        rest => rest.to_owned(),
    }
}

/// The collisions among `products`, in the order their URLs first appear.
pub(crate) fn collisions(products: Vec<ProductUrl>) -> Vec<UrlCollision> {
    let mut groups: Vec<(String, UrlCollision)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in products {
        let key = comparable(&p.url);
        match index.get(&key) {
            Some(&i) => groups[i].1.products.push(p),
            None => {
                index.insert(key.clone(), groups.len());
                groups.push((
                    key,
                    UrlCollision {
                        url: p.url.clone(),
                        products: vec![p],
                    },
                ));
            }
        }
    }
    groups
        .into_iter()
        .map(|(_, g)| g)
        .filter(|g| g.products.len() > 1)
        .collect()
}

impl BigCommerceClient {
    /// Reads every product's custom URL page by page (`progress(done, total)` after each page)
    /// and names the products whose URLs collide.
    pub async fn custom_url_collisions(
        &self,
        progress: &(dyn Fn(u32, u32) + Send + Sync),
    ) -> Result<UrlCheck> {
        let mut all = Vec::new();
        let mut page = 1;
        loop {
            let list: Page = self
                .get_json(&format!(
                    "v3/catalog/products?include_fields=name,custom_url&limit={PAGE_SIZE}&page={page}"
                ))
                .await?;
            let last = list.data.is_empty()
                || page >= list.meta.pagination.total_pages
                || page >= MAX_PAGES;
            let total = list.meta.pagination.total;
            all.extend(list.data.into_iter().filter_map(|p| {
                Some(ProductUrl {
                    id: p.id,
                    name: p.name,
                    url: p.custom_url?.url,
                })
            }));
            let done = u32::try_from(all.len()).unwrap_or(u32::MAX);
            progress(done, total.max(done));
            if last {
                tracing::info!(products = done, pages = page, "custom URLs read");
                return Ok(UrlCheck {
                    products: done,
                    collisions: collisions(all),
                });
            }
            page += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: u64, url: &str) -> ProductUrl {
        ProductUrl {
            id,
            name: format!("P{id}"),
            url: url.into(),
        }
    }

    #[test]
    fn urls_collide_ignoring_case_and_a_trailing_slash() {
        assert_eq!(comparable(" /Shirt/ "), "/shirt");
        assert_eq!(comparable("/"), "/");
        let found = collisions(vec![
            p(1, "/shirt/"),
            p(2, "/hat/"),
            p(3, "/Shirt"),
            p(4, "/hat-2/"),
            p(5, "/shirt/"),
            p(6, "/hat/"),
        ]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].url, "/shirt/");
        let ids: Vec<u64> = found[0].products.iter().map(|p| p.id).collect();
        assert_eq!(ids, [1, 3, 5]);
        assert_eq!(found[1].products.len(), 2);
        assert!(collisions(vec![p(1, "/a/"), p(2, "/b/")]).is_empty());
    }
}
