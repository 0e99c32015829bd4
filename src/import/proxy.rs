//! Campus proxy addresses: a library's proxy rewrites a publisher's host into its own
//! (`link-springer-com.oca.ucsc.edu`, `delivery.acm.org.oca.ucsc.edu`,
//! `www-jstor-org.ezproxy.lib.example.edu`), which only its members can open and which often
//! carries a session token. A list's reader needs the publisher's own address.

use super::Candidate;

/// Top-level labels a proxied host's own domain ends with.
const TLDS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "io", "info", "de", "uk", "fr", "jp", "ch", "nl", "eu",
];

/// The host a library proxy stands for, when `host` is one: "link-springer-com.oca.ucsc.edu"
/// -> "link.springer.com", "delivery.acm.org.oca.ucsc.edu" -> "delivery.acm.org". A proxy is
/// recognised by its own host: an `ezproxy` or `proxy` label, or an academic domain (`.edu`,
/// `.ac.*`) after the publisher's.
pub(crate) fn proxied_host(host: &str) -> Option<String> {
    let host = host.to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let academic = host.ends_with(".edu") || labels.iter().any(|l| *l == "ac" || *l == "edu");
    let proxy_at = labels
        .iter()
        .position(|l| *l == "ezproxy" || *l == "proxy" || l.starts_with("ezproxy"));
    // `www-jstor-org.<proxy>`: the publisher's host with dots written as dashes.
    let dashed = |label: &str| {
        let parts: Vec<&str> = label.split('-').collect();
        (parts.len() >= 2 && TLDS.contains(parts.last()?)).then(|| parts.join("."))
    };
    if proxy_at.is_some() || academic {
        if let Some(h) = dashed(labels[0]) {
            if labels.len() > 2 {
                return Some(h);
            }
        }
    }
    // `delivery.acm.org.<proxy>`: the publisher's host kept whole, the proxy's after it.
    if academic || proxy_at.is_some() {
        let end = proxy_at.unwrap_or(labels.len());
        for i in (1..end.saturating_sub(1)).rev() {
            if TLDS.contains(&labels[i]) && i + 1 < labels.len() {
                let rest = &labels[i + 1..];
                // The rest must itself be a host (the proxy's), not the end of this one.
                if rest.len() >= 2
                    && (proxy_at.is_some() || rest.last() == Some(&"edu") || rest.contains(&"ac"))
                {
                    return Some(labels[..=i].join("."));
                }
            }
        }
    }
    None
}

/// `url` with a proxy's host replaced by the publisher's, and without the proxy session's
/// query (`ip=`, `key=`, `__acm__=`, which expire); `None` when `url` is not proxied.
pub(crate) fn unproxy(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let real = proxied_host(host)?;
    let path = match path.split_once('?') {
        Some((p, q))
            if q.split('&').any(|kv| {
                let k = kv.split('=').next().unwrap_or("");
                ["ip", "key", "__acm__", "token", "session", "sid"].contains(&k)
            }) =>
        {
            p
        }
        _ => path,
    };
    Some(format!("{scheme}://{real}{path}"))
}

/// Files a candidate under a public address: a public alternate becomes the address (the
/// proxied one is dropped), else the proxied host is rewritten to the publisher's.
pub fn prefer_public(c: &mut Candidate) {
    let Some(clean) = unproxy(&c.url) else {
        c.alternates.retain(|a| unproxy(a).is_none());
        return;
    };
    c.alternates.retain(|a| unproxy(a).is_none());
    if let Some(i) = c.alternates.iter().position(|a| !a.is_empty()) {
        c.url = c.alternates.remove(i);
    } else {
        c.url = clean;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_hosts_give_the_publishers() {
        assert_eq!(
            proxied_host("link-springer-com.oca.ucsc.edu").as_deref(),
            Some("link.springer.com")
        );
        assert_eq!(
            proxied_host("dl-acm-org.oca.ucsc.edu").as_deref(),
            Some("dl.acm.org")
        );
        assert_eq!(
            proxied_host("delivery.acm.org.oca.ucsc.edu").as_deref(),
            Some("delivery.acm.org")
        );
        assert_eq!(
            proxied_host("www-jstor-org.ezproxy.lib.example.ac.uk").as_deref(),
            Some("www.jstor.org")
        );
        assert_eq!(proxied_host("www.cs.cornell.edu"), None);
        assert_eq!(proxied_host("pdos.csail.mit.edu"), None);
        assert_eq!(proxied_host("example.org"), None);
        assert_eq!(proxied_host("my-site.example.com"), None);
    }

    #[test]
    fn session_tokens_go_with_the_proxy() {
        assert_eq!(
            unproxy(
                "http://delivery.acm.org.oca.ucsc.edu/10.1145/a19.pdf?ip=1.2.3.4&key=AB&__acm__=1"
            )
            .as_deref(),
            Some("http://delivery.acm.org/10.1145/a19.pdf")
        );
        assert_eq!(
            unproxy("https://dl-acm-org.oca.ucsc.edu/citation.cfm?id=2391230").as_deref(),
            Some("https://dl.acm.org/citation.cfm?id=2391230")
        );
        assert_eq!(unproxy("https://www.cs.cornell.edu/x.pdf"), None);
    }

    #[test]
    fn a_public_alternate_is_preferred_to_a_rewritten_proxy() {
        let mut c = Candidate {
            url: "https://dl-acm-org.oca.ucsc.edu/citation.cfm?id=1".into(),
            alternates: vec!["https://example.org/paper.pdf".into()],
            ..Candidate::default()
        };
        prefer_public(&mut c);
        assert_eq!(c.url, "https://example.org/paper.pdf");
        assert!(c.alternates.is_empty());
    }
}
