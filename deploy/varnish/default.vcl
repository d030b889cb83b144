# Varnish in front of the site (docs/cdn.md). The site says in Cache-Control what may be
# kept: only responses marked public are cached, for their s-maxage, and served up to
# stale-while-revalidate seconds past it while Varnish fetches a new copy. On every
# content change the site sends PURGE for each Site's root; this bans every object of
# that host, because the site empties its own page cache whole on any change and a page
# has a different URL in each language.
vcl 4.1;

import std;

# Replaced by the deployment (the tests write gunicorn's address here).
backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the site's own servers. Add the application hosts' addresses.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Host names are case-insensitive; the ban below compares strings.
    set req.http.host = std.tolower(req.http.host);

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Lurker-friendly (on obj.*): Varnish drops banned objects in the background.
        ban("obj.http.x-cache-host == " + req.http.host);
        return (synth(200, "Purged"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, and anyone with a session (an editor), a CSRF token or messages:
    # their pages are their own. The site marks them private anyway; passing saves a
    # lookup and never lets a mistake there reach the cache.
    if (req.url ~ "^/(django-)?admin/" || req.http.Authorization
        || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Other cookies are left for the site to see; an anonymous page does not depend
    # on them (a response that did would not be marked public). Varnish's built-in
    # vcl_recv would pass every request with a cookie: hence the explicit hash.
    return (hash);
}

sub vcl_hash {
    # Pages hold absolute URLs: the http and https versions are kept apart.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # What the site did not mark public is not kept (a redirect by language, an error,
    # an editor's page): remembered as uncacheable for a while, so requests for it
    # are not queued behind each other.
    if (beresp.http.Cache-Control !~ "(?i)(^|[,\s])public([,\s]|$)"
        || beresp.http.Cache-Control ~ "(?i)private|no-store|no-cache") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Kept with the object, for the ban above (lurker-friendly); removed on delivery.
    set beresp.http.x-cache-host = bereq.http.host;
    # Varnish's built-in rules follow: Set-Cookie, Vary: * and the like are not kept.
}

sub vcl_deliver {
    unset resp.http.x-cache-host;
    # Whether this answer came from Varnish's cache (hit) or the site (miss, pass).
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
