//! The Core1 side: workspace URLs, sign-in, the API envelope and Omni-Channel connections.

pub mod channels;
