#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
fn main() {
    core1_bigcommerce_setup_lib::run()
}
