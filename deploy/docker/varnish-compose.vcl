vcl 4.1;
# Dateline behind Varnish (Debian's varnish + varnish-modules for xkey).
#
# Pages come with `Cache-Control: public, max-age=0, s-maxage=…` and a
# `Surrogate-Key` header naming every story, list, image and setting they
# show. Varnish keeps them for s-maxage, tagged by those keys; each Dateline
# instance sends `PURGE /` with an `xkey: story:12 home …` header for every
# change it applies (PURGE_URLS=http://this-varnish:6081/), which drops
# exactly the pages that show what changed. Browsers revalidate every time.
#
# Compose copy (deploy/docker/compose.yaml): backend nginx:80, purgers the
# compose network. The original is deploy/varnish/default.vcl.
import xkey;
import std;

backend default {
    .host = "nginx";
    .port = "80";
}

# Who may purge: the Dateline instances. Add their addresses.
acl purgers {
    "127.0.0.1";
    "172.16.0.0"/12;  # compose networks
    "192.168.0.0"/16;
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey) {
            return (synth(400, "PURGE needs an xkey header"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey);
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }
    # The newsroom and the APIs are never cached here.
    if (req.url ~ "^/(admin|api/admin)(/|$|\?)") {
        return (pass);
    }
    # Public pages are the same for every reader: a cookie (a signed-in
    # editor reading the site) must not make them uncacheable.
    if (req.method == "GET" || req.method == "HEAD") {
        unset req.http.Cookie;
    }
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Purges drop pages the moment they change, so a page past its s-maxage
    # is unchanged: serve it while fetching the next copy, and for a day if
    # the backend is down (what stale-if-error asks of a cache).
    set beresp.grace = 24h;
}

sub vcl_deliver {
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
