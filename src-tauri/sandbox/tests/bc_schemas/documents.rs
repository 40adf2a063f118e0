//! The operations the core calls, each as its BigCommerce document describes it: the
//! statuses it lists, each with its content type and body schema (fields, their types and the
//! `required` lists), transcribed by hand from `bigcommerce/docs` at [`DOCS_COMMIT`] (the
//! repository states no licence: the facts are carried over, not the files).

use super::shapes::*;
use serde_json::{json, Value};

/// One operation as its document describes it.
pub struct Operation {
    pub method: &'static str,
    /// The path as the document writes it, below `/stores/{store_hash}/v2|v3`.
    pub path: &'static str,
    /// `v2` or `v3`: decides the error shape of answers the operation does not list.
    pub version: &'static str,
    /// The document, a path in `bigcommerce/docs` at [`DOCS_COMMIT`].
    pub document: &'static str,
    pub responses: Vec<Documented>,
}

/// One status an operation's document lists.
pub struct Documented {
    pub status: u16,
    /// The media type of the document's `content` (`plain/text` read as `text/plain`).
    pub content_type: &'static str,
    pub schema: Value,
}

fn json_answer(status: u16, schema: Value) -> Documented {
    Documented {
        status,
        content_type: "application/json",
        schema,
    }
}

fn op(
    method: &'static str,
    path: &'static str,
    document: &'static str,
    responses: Vec<Documented>,
) -> Operation {
    let version = if document.contains(".v2.") {
        "v2"
    } else {
        "v3"
    };
    Operation {
        method,
        path,
        version,
        document,
        responses,
    }
}

/// `StoreInformation` (`reference/store_information.v2.yml`): no field is required.
fn store_information() -> Value {
    let s = string;
    let timezone = obj(
        json!({
            "name": s(), "raw_offset": int(), "dst_offset": int(), "dst_correction": boolean(),
            "date_format": obj(json!({ "display": s(), "export": s(), "extended_display": s() }), &[]),
        }),
        &[],
    );
    let features = obj(
        json!({
            "stencil_enabled": boolean(), "sitewidehttps_enabled": boolean(),
            "facebook_catalog_id": s(),
            "checkout_type": one_of(&["optimized", "single", "single_customizable", "klarna"]),
            "wishlists_enabled": boolean(), "graphql_storefront_api_enabled": boolean(),
            "shopper_consent_tracking_enabled": boolean(), "multi_storefront_enabled": boolean(),
            "storefront_limits": obj(json!({
                "active": int_min(1), "total_including_inactive": int_min(1),
            }), &[]),
        }),
        &[],
    );
    let mut fields = json!({
        "id": s(), "account_uuid": { "type": "string", "format": "uuid" }, "domain": s(),
        "secure_url": s(), "control_panel_base_url": s(), "status": s(), "name": s(),
        "first_name": s(), "last_name": s(), "address": s(), "country": s(),
        "country_code": s(), "infrastructure_region": s(), "phone": s(), "admin_email": s(),
        "order_email": s(), "favicon_url": s(), "timezone": timezone,
        "language": s(), "currency": s(), "currency_symbol": s(), "decimal_separator": s(),
        "thousands_separator": s(), "decimal_places": int(), "currency_symbol_location": s(),
    });
    let more = json!({
        "weight_units": s(), "dimension_units": s(), "dimension_decimal_places": int(),
        "dimension_decimal_token": s(), "dimension_thousands_token": s(), "plan_name": s(),
        "plan_level": s(), "plan_is_trial": boolean(), "industry": s(),
        "logo": { "anyOf": [obj(json!({ "url": s() }), &[]), { "type": "array" }] },
        "is_price_entered_with_tax": boolean(), "store_id": int(),
        "default_channel_id": int(), "default_site_id": int(),
        "active_comparison_modules": { "type": "array" }, "features": features,
    });
    if let (Some(all), Value::Object(more)) = (fields.as_object_mut(), more) {
        all.extend(more);
    }
    obj(fields, &[])
}

/// `product_Full` (`reference/catalog/products_catalog.v3.yml`), the fields the practice store
/// sends; no field is required in an answer.
fn product() -> Value {
    obj(
        json!({
            "id": int_min(1), "name": string(), "type": one_of(&["physical", "digital"]),
            "sku": string(), "price": { "type": "number", "minimum": 0 },
            "weight": { "type": "number", "minimum": 0 }, "categories": array(num()),
            "inventory_level": int_min(0),
            "inventory_tracking": one_of(&["none", "product", "variant"]),
            "is_visible": boolean(),
            "custom_url": obj(json!({
                "url": { "type": "string", "minLength": 1, "maxLength": 255 },
                "is_customized": boolean(), "create_redirect": boolean(),
            }), &[]),
            "date_created": date_time(), "date_modified": date_time(),
        }),
        &[],
    )
}

/// The catalog's 409/422 answer (`errorResponse_422`, and the inline "Error Response").
fn catalog_error() -> Value {
    v3_error()
}

/// A category of a tree (`reference/catalog/category-trees_catalog.v3.yml`, Get All Categories).
fn tree_category() -> Value {
    obj(
        json!({
            "name": string(), "category_id": int(), "category_uuid": { "type": "string", "format": "uuid" },
            "tree_id": int(), "parent_id": int(), "description": string(), "views": int(),
            "sort_order": { "type": "integer", "minimum": -2147483648_i64, "maximum": 2147483647 },
            "page_title": string(), "meta_keywords": array(string()), "meta_description": string(),
            "layout_file": string(), "image_url": string(), "is_visible": boolean(),
            "search_keywords": string(),
            "url": obj(json!({ "path": string(), "is_customized": boolean() }), &[]),
        }),
        &[],
    )
}

/// A customer (`reference/customers.v3.yml`, Get All Customers), the fields the practice store
/// sends.
fn customer() -> Value {
    obj(
        json!({
            "id": int(), "email": string(), "first_name": string(), "last_name": string(),
            "company": string(), "phone": string(), "customer_group_id": int(),
            "date_created": date_time(), "date_modified": date_time(),
        }),
        &[],
    )
}

/// An inventory item (`reference/inventory.v3.yml`, `ItemResponse`).
fn inventory_item() -> Value {
    obj(
        json!({
            "identity": obj(json!({
                "sku": string(), "variant_id": int(), "product_id": int(), "sku_id": int(),
            }), &[]),
            "locations": array(obj(json!({
                "location_id": int(), "location_code": string(), "location_name": string(),
                "available_to_sell": int(), "total_inventory_onhand": int(),
                "location_enabled": boolean(),
                "settings": obj(json!({
                    "safety_stock": int(), "is_in_stock": boolean(), "warning_level": int(),
                    "bin_picking_number": string(),
                }), &[]),
            }), &[])),
        }),
        &[],
    )
}

/// A channel (`reference/channels.v3.yml`, `ChannelWithoutCurrencies`): `id` and `name` only
/// are required — `type` and `status` may be missing.
fn channel() -> Value {
    obj(
        json!({
            "id": int(), "external_id": string(), "is_listable_from_ui": boolean(),
            "is_enabled": boolean(), "is_visible": boolean(),
            "status": one_of(&["active", "prelaunch", "inactive", "connected", "disconnected", "archived", "deleted", "terminated"]),
            "name": string(), "type": one_of(&["pos", "marketplace", "storefront", "marketing"]),
            "platform": string(), "date_created": date_time(), "date_modified": date_time(),
            "icon_url": string(),
        }),
        &["id", "name"],
    )
}

/// A listing (`reference/channels.v3.yml`, `Listing`, its variants `ChannelProductVariantFull`);
/// neither has a `description` in an answer.
fn listings_answer() -> Value {
    let states = [
        "active",
        "disabled",
        "error",
        "pending",
        "pending_disable",
        "pending_delete",
        "queued",
        "rejected",
        "submitted",
        "deleted",
    ];
    let mut listing_states = states.to_vec();
    listing_states.push("partially_rejected");
    let variant = obj(
        json!({
            "channel_id": int(), "product_id": int(), "variant_id": int(), "external_id": string(),
            "state": one_of(&states), "name": string(), "date_created": date_time(),
            "date_modified": date_time(),
        }),
        &[],
    );
    let listing = obj(
        json!({
            "channel_id": int(), "listing_id": int_min(1), "external_id": string(),
            "product_id": int(), "state": one_of(&listing_states), "name": string(),
            "date_created": date_time(), "date_modified": date_time(), "variants": array(variant),
        }),
        &[],
    );
    // `MetaWithPartialPagination`: no `per_page`, no `current_page` (cursor pagination).
    let meta = obj(
        json!({ "pagination": obj(json!({
            "count": int(), "total": int(), "links": links(), "total_pages": int(),
        }), &[]) }),
        &[],
    );
    obj(json!({ "data": array(listing), "meta": meta }), &[])
}

/// Every operation the core calls (`src-tauri/core/src/bigcommerce`).
pub fn operations() -> Vec<Operation> {
    let page_of = |item: Value| {
        obj(
            json!({ "data": array(item), "meta": full_pagination(false) }),
            &[],
        )
    };
    vec![
        op(
            "GET",
            "/store",
            "reference/store_information.v2.yml",
            vec![json_answer(200, store_information())],
        ),
        op(
            "GET",
            "/time",
            "reference/store_information.v2.yml",
            vec![json_answer(200, obj(json!({ "time": int_min(0) }), &[]))],
        ),
        op(
            "GET",
            "/catalog/products",
            "reference/catalog/products_catalog.v3.yml",
            vec![json_answer(
                200,
                obj(
                    json!({ "data": array(product()), "meta": full_pagination(false) }),
                    &[],
                ),
            )],
        ),
        op(
            "POST",
            "/catalog/products",
            "reference/catalog/products_catalog.v3.yml",
            vec![
                json_answer(
                    200,
                    obj(json!({ "data": product(), "meta": open_obj() }), &[]),
                ),
                json_answer(409, catalog_error()),
                json_answer(422, catalog_error()),
            ],
        ),
        op(
            "GET",
            "/catalog/summary",
            "reference/catalog/products_catalog.v3.yml",
            vec![json_answer(
                200,
                obj(
                    json!({
                        "data": obj(json!({
                            "inventory_count": int(), "inventory_value": num(), "primary_category_id": int(),
                            "primary_category_name": string(), "variant_count": int(),
                            "highest_variant_price": num(), "average_variant_price": num(),
                            // A string in the document, unlike its neighbours.
                            "lowest_variant_price": string(),
                            "oldest_variant_date": string(), "newest_variant_date": string(),
                        }), &[]),
                        "meta": open_obj(),
                    }),
                    &[],
                ),
            )],
        ),
        op(
            "GET",
            "/catalog/trees/categories",
            "reference/catalog/category-trees_catalog.v3.yml",
            vec![
                json_answer(
                    200,
                    obj(
                        json!({ "data": array(tree_category()), "meta": full_pagination(true) }),
                        &[],
                    ),
                ),
                Documented {
                    status: 401,
                    content_type: "text/plain",
                    schema: string(),
                },
                // `title` is required though not among the listed properties.
                json_answer(
                    403,
                    obj(
                        json!({ "status": int(), "title": string(), "type": string(), "code": int() }),
                        &["status", "title", "type"],
                    ),
                ),
                json_answer(
                    422,
                    obj(
                        json!({
                            "errors": obj(json!({ "status": int(), "title": string(), "type": string(), "errors": open_obj() }), &["status", "title", "type", "errors"]),
                            "meta": obj(json!({ "total": int(), "success": int(), "failed": int() }), &[]),
                        }),
                        &[],
                    ),
                ),
            ],
        ),
        op(
            "GET",
            "/customers",
            "reference/customers.v3.yml",
            vec![
                json_answer(
                    200,
                    obj(
                        json!({
                            "data": array(customer()),
                            "meta": obj(json!({
                                "pagination": full_pagination(false)["properties"]["pagination"].clone(),
                                "cursor_pagination": obj(json!({
                                    "count": int(), "per_page": int(), "start_cursor": string(),
                                    "end_cursor": string(), "links": links(),
                                }), &[]),
                            }), &[]),
                        }),
                        &[],
                    ),
                ),
                json_answer(422, v3_error()),
            ],
        ),
        op(
            "GET",
            "/orders/count",
            "reference/orders.v2.oas2.yml",
            vec![json_answer(
                200,
                obj(
                    json!({
                        "statuses": array(obj(json!({
                            "id": int(), "name": string(), "system_label": string(), "custom_label": string(),
                            "system_description": string(), "count": int(), "sort_order": int(),
                        }), &[])),
                        "count": num(),
                    }),
                    &[],
                ),
            )],
        ),
        // Only 200 is listed; a refused order is judged by the general v2 error answer.
        op(
            "POST",
            "/orders",
            "reference/orders.v2.oas2.yml",
            vec![json_answer(200, open_obj())],
        ),
        op(
            "GET",
            "/inventory/items",
            "reference/inventory.v3.yml",
            vec![json_answer(200, page_of(inventory_item()))],
        ),
        op(
            "PUT",
            "/inventory/adjustments/absolute",
            "reference/inventory.v3.yml",
            vec![
                json_answer(200, obj(json!({ "transaction_id": string() }), &[])),
                Documented {
                    status: 422,
                    content_type: "application/problem+json",
                    schema: v3_error(),
                },
            ],
        ),
        op(
            "GET",
            "/channels",
            "reference/channels.v3.yml",
            vec![
                json_answer(
                    200,
                    obj(
                        json!({ "data": array(channel()), "meta": full_pagination(false) }),
                        &["data", "meta"],
                    ),
                ),
                json_answer(422, v3_error()),
            ],
        ),
        op(
            "POST",
            "/channels",
            "reference/channels.v3.yml",
            vec![
                json_answer(
                    200,
                    obj(json!({ "data": channel(), "meta": open_obj() }), &[]),
                ),
                json_answer(422, v3_error()),
            ],
        ),
        op(
            "GET",
            "/channels/{channel_id}/listings",
            "reference/channels.v3.yml",
            vec![
                json_answer(200, listings_answer()),
                json_answer(400, v3_error()),
                json_answer(422, v3_error()),
            ],
        ),
        op(
            "POST",
            "/channels/{channel_id}/listings",
            "reference/channels.v3.yml",
            vec![
                json_answer(200, listings_answer()),
                json_answer(422, v3_error()),
            ],
        ),
    ]
}
