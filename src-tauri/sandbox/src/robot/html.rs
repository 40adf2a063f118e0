//! Reading the sandbox's pages as a browser would: forms, attributes, ids, the marketplace's app
//! links, and the text a person sees.

/// A form found on a page: where and how it submits, and its hidden fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundForm {
    pub action: String,
    /// `get` or `post` (lowercase; `get` when the form does not say, as in HTML).
    pub method: String,
    pub hidden: Vec<(String, String)>,
}

/// Finds `<form id="{id}">` (tag names in any case) and reads its action and hidden inputs.
pub fn find_form(html: &str, id: &str) -> Option<FoundForm> {
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("<form").map(|p| p + from) {
        let attrs_start = pos + 5;
        let end = attrs_start + lower[attrs_start..].find('>')?;
        let attrs = parse_attrs(&html[attrs_start..end]);
        let close = lower[end..].find("</form>").map_or(html.len(), |p| p + end);
        if attr(&attrs, "id") == Some(id) {
            let action = attr(&attrs, "action").unwrap_or_default().to_owned();
            let method = attr(&attrs, "method").unwrap_or("get").to_ascii_lowercase();
            let hidden = inputs(&html[end + 1..close], &lower[end + 1..close])
                .into_iter()
                .filter(|a| attr(a, "type").is_some_and(|t| t.eq_ignore_ascii_case("hidden")))
                .filter_map(|a| {
                    let name = attr(&a, "name")?.to_owned();
                    Some((name, attr(&a, "value").unwrap_or_default().to_owned()))
                })
                .collect();
            return Some(FoundForm {
                action,
                method,
                hidden,
            });
        }
        from = close;
    }
    None
}

/// Attribute `name` of the first `<{tag} id="{id}">` on the page.
pub fn find_attr(html: &str, tag: &str, id: &str, name: &str) -> Option<String> {
    tags(html, tag)
        .into_iter()
        .find(|(attrs, _)| attr(attrs, "id") == Some(id))
        .and_then(|(attrs, _)| attr(&attrs, name).map(str::to_owned))
}

/// Whether any element on the page has `id="{id}"`.
pub fn has_id(html: &str, id: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find('<').map(|p| p + from) {
        let end = lower[pos..].find('>').map_or(html.len(), |p| p + pos);
        let inner = &html[pos + 1..end];
        if !inner.starts_with(['/', '!']) {
            let attrs = parse_attrs(inner.split_once(char::is_whitespace).map_or("", |(_, a)| a));
            if attr(&attrs, "id") == Some(id) {
                return true;
            }
        }
        from = end;
    }
    false
}

/// The `href` of the marketplace link `<a data-app>` whose text is `name` (any case).
pub fn find_app_link(html: &str, name: &str) -> Option<String> {
    tags(html, "a").into_iter().find_map(|(attrs, text)| {
        let is_app = attr(&attrs, "data-app").is_some();
        (is_app && text.trim().eq_ignore_ascii_case(name.trim()))
            .then(|| attr(&attrs, "href").map(str::to_owned))
            .flatten()
    })
}

/// Every `<{tag} …>` with its attributes and its text up to `</{tag}>` (tags stripped).
fn tags(html: &str, tag: &str) -> Vec<(Vec<(String, String)>, String)> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(&open).map(|p| p + from) {
        let start = pos + open.len();
        if !lower[start..].starts_with(|c: char| c.is_whitespace() || c == '>') {
            from = start;
            continue;
        }
        let end = lower[start..].find('>').map_or(html.len(), |p| p + start);
        let attrs = parse_attrs(&html[start..end]);
        let text_end = lower[end..].find(&close).map_or(html.len(), |p| p + end);
        let text = page_text(html.get(end + 1..text_end).unwrap_or_default());
        out.push((attrs, text));
        from = end;
    }
    out
}

fn inputs(html: &str, lower: &str) -> Vec<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("<input").map(|p| p + from) {
        let start = pos + 6;
        let end = lower[start..].find('>').map_or(html.len(), |p| p + start);
        out.push(parse_attrs(&html[start..end]));
        from = end;
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Parses `a="x" b='y' c=z d` into pairs, decoding HTML entities in values.
fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = s.trim_end_matches('/').chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=')).collect();
        if name.is_empty() {
            if chars.next().is_none() {
                break;
            }
            continue;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    value = std::iter::from_fn(|| chars.next().filter(|c| *c != q)).collect();
                }
                _ => {
                    value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect();
                }
            }
        }
        out.push((
            name.to_lowercase(),
            html_escape::decode_html_entities(&value).into_owned(),
        ));
    }
    out
}

/// The visible text of a page: tags, styles and scripts removed, whitespace collapsed.
pub fn page_text(html: &str) -> String {
    let without = remove_blocks(&remove_blocks(html, "style"), "script");
    let mut text = String::new();
    let mut in_tag = false;
    for c in without.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = html_escape::decode_html_entities(&text);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn remove_blocks(html: &str, tag: &str) -> String {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = String::new();
    let mut rest = html;
    while let Some(pos) = rest.find(&open) {
        out.push_str(&rest[..pos]);
        rest = rest[pos..]
            .find(&close)
            .map_or("", |e| &rest[pos + e + close.len()..]);
    }
    out.push_str(rest);
    out
}
