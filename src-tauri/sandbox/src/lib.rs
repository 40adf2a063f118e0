//! A local BigCommerce and Core1 workspace for tests, practice mode and manual checks.
