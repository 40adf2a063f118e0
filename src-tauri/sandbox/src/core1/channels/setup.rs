//! `getSetupStatus` and what `create` needs: the BigCommerce driver installed in the workspace
//! and the user's right to create connections.

use super::{fail, ok_json, Fail, SetupStatus, ERRNO_DRIVER_MISSING, ERRNO_NOT_PERMITTED};
#[cfg(feature = "faults")]
use crate::faults::{names, Fault};
use crate::World;
use axum::response::Response;
use serde_json::json;

/// Whether the BigCommerce driver is installed in `ws` (configured, and no `driver_missing`
/// fault for it).
#[cfg_attr(not(feature = "faults"), allow(unused_variables))] // `ws`: what a fault names
pub(crate) fn driver_installed(world: &World, ws: &str) -> bool {
    world.config.core1.bigcommerce_driver_version.is_some()
        && !fault_fires!(world, Fault::DriverMissing { workspace } if names(workspace, ws))
}

fn user_may_create(world: &World, user: &str) -> bool {
    world
        .config
        .core1
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(user))
        .is_some_and(|u| u.may_create_connections)
}

/// `getSetupStatus` (assumed, like the rest): the module's version, the BigCommerce driver's
/// (none when it is not installed), and whether the signed-in user may create connections.
pub(super) fn setup_status(world: &World, ws: &str, user: &str) -> Response {
    let status = SetupStatus {
        module_version: world
            .config
            .core1
            .omni_channel_version
            .clone()
            .unwrap_or_default(),
        driver_version: driver_installed(world, ws)
            .then(|| world.config.core1.bigcommerce_driver_version.clone())
            .flatten(),
        may_create_connections: user_may_create(world, user),
    };
    ok_json(json!({ "success": true, "setup": status }))
}

/// `create` needs the driver installed and the right to create connections.
pub(crate) fn may_create(world: &World, ws: &str, user: &str) -> Result<(), Fail> {
    if !user_may_create(world, user) {
        return Err(fail(
            ERRNO_NOT_PERMITTED,
            "You are not allowed to create connections",
        ));
    }
    if !driver_installed(world, ws) {
        return Err(fail(
            ERRNO_DRIVER_MISSING,
            "The BigCommerce driver is not installed in this workspace",
        ));
    }
    Ok(())
}
