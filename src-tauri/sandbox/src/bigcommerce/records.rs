//! The practice store's records as BigCommerce's documents shape them (bigcommerce/docs at
//! 24f580ca; each checked by `tests/bc_schemas.rs`): products with their custom URLs, the
//! catalog summary, customers, inventory items, categories and the category tree's, channels,
//! listings and v2 orders — generated from counts on demand.

use super::store_data::{self, PracticeChannel, PRODUCT_ID_BASE};
use serde_json::{json, Value};

const CREATED: &str = "2024-01-15T10:00:00Z";

pub(crate) fn product(i: u32, custom_url: &str) -> Value {
    let n = i + 1;
    json!({
        "id": PRODUCT_ID_BASE + u64::from(n),
        "name": format!("Practice product {n}"),
        "type": "physical",
        "sku": format!("PRACTICE-{n:04}"),
        "price": 10 + (i % 20) * 5,
        "weight": 1,
        "categories": [18 + (i % 6)],
        "inventory_level": 12,
        "inventory_tracking": "product",
        "is_visible": true,
        "custom_url": { "url": custom_url, "is_customized": false },
        "date_created": CREATED,
        "date_modified": CREATED,
    })
}

pub(crate) fn summary(c: crate::config::StoreCatalog) -> Value {
    json!({
        "data": {
            "inventory_count": c.variants * 12,
            "inventory_value": c.variants * 12 * 25,
            "primary_category_id": 18,
            "primary_category_name": "Shop All",
            "variant_count": c.variants,
            "highest_variant_price": 105,
            "average_variant_price": 57.5,
            // A string in the document, unlike its neighbours.
            "lowest_variant_price": "10.0000",
            "oldest_variant_date": CREATED,
            "newest_variant_date": CREATED,
        },
        "meta": {},
    })
}

pub(crate) fn customer(i: u32) -> Value {
    let n = i + 1;
    json!({
        "id": n,
        "email": format!("customer{n}@example.com"),
        "first_name": "Practice",
        "last_name": format!("Customer {n}"),
        "company": "",
        "phone": "",
        "customer_group_id": 0,
        "date_created": CREATED,
        "date_modified": CREATED,
    })
}

pub(crate) fn inventory_item(i: u32) -> Value {
    let n = i + 1;
    json!({
        "identity": {
            "sku": format!("PRACTICE-V{n:04}"),
            "variant_id": 500 + n,
            "product_id": 111 + (i % 250),
            "sku_id": 900 + n,
        },
        "locations": [{
            "location_id": 1,
            "location_code": "BC-LOCATION-1",
            "location_name": "Default location",
            "available_to_sell": 12,
            "total_inventory_onhand": 12,
            "location_enabled": true,
            "settings": { "safety_stock": 0, "is_in_stock": true, "warning_level": 2, "bin_picking_number": "" },
        }],
    })
}

pub(crate) fn category(i: u32) -> Value {
    let n = i + 1;
    json!({
        "id": 17 + n,
        "parent_id": 0,
        "name": format!("Practice category {n}"),
        "description": "",
        "sort_order": i,
        "is_visible": true,
        "custom_url": { "url": format!("/practice-category-{n}/"), "is_customized": false },
    })
}

/// A category of the store's one category tree (`reference/catalog/category-trees_catalog.v3.yml`).
pub(crate) fn tree_category(i: u32) -> Value {
    let n = i + 1;
    json!({
        "category_id": 17 + n,
        "tree_id": 1,
        "parent_id": 0,
        "name": format!("Practice category {n}"),
        "description": "",
        "views": 0,
        "sort_order": i,
        "is_visible": true,
        "url": { "path": format!("/practice-category-{n}/"), "is_customized": false },
    })
}

pub(crate) fn channel(c: &PracticeChannel) -> Value {
    let mut v = json!({
        "id": c.id,
        "name": c.name,
        "platform": "bigcommerce",
        "status": c.status,
        "external_id": "",
        "is_listable_from_ui": true,
        "is_visible": true,
        "icon_url": "",
        "date_created": CREATED,
        "date_modified": CREATED,
    });
    if let Some(kind) = &c.kind {
        v["type"] = json!(kind);
    }
    v
}

pub(crate) fn listing(channel_id: u64, i: u32) -> Value {
    let n = i + 1;
    let product_id = PRODUCT_ID_BASE + u64::from(n);
    json!({
        "channel_id": channel_id,
        "listing_id": n,
        "external_id": "",
        "product_id": product_id,
        "state": "active",
        "name": format!("Practice product {n}"),
        "date_created": CREATED,
        "date_modified": CREATED,
        "variants": [{
            "channel_id": channel_id,
            "product_id": product_id,
            "variant_id": 500 + n,
            "external_id": "",
            "state": "active",
            "name": format!("Practice product {n}"),
            "date_created": CREATED,
            "date_modified": CREATED,
        }],
    })
}

pub(crate) fn order(o: store_data::OrderFacts) -> Value {
    let status = match o.status_id {
        store_data::STATUS_SHIPPED => "Shipped",
        store_data::STATUS_COMPLETED => "Completed",
        _ => "Awaiting Fulfillment",
    };
    let created = store_data::v2_date(o.created);
    json!({
        "id": o.id,
        "customer_id": (o.id % 9) + 1,
        "date_created": created,
        "date_modified": created,
        "status_id": o.status_id,
        "status": status,
        "is_deleted": o.archived,
        "subtotal_inc_tax": "25.0000",
        "total_inc_tax": "25.0000",
        "items_total": 1,
        "currency_code": "USD",
        "channel_id": 1,
    })
}
