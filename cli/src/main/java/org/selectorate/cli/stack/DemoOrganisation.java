package org.selectorate.cli.stack;

import org.selectorate.devstack.Stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo area the demo users' tokens point at (region NW, constituency NW-001, its affiliates NW-001-UNITE and
 * NW-001-FABIANS with the demo officers), created through the gateway as the HQ user, so a fresh platform has
 * something to look at. Re-running changes nothing.
 */
final class DemoOrganisation {
    static final Map<String, String> USERS = users();

    private DemoOrganisation() {
    }

    static void ensure(Stack stack, PrintStream out) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String token = token(http, stack, "hq", "hq-demo");
        post(http, stack, token, "/api/membership/regions", "{\"code\":\"NW\",\"name\":\"North West\"}");
        post(http, stack, token, "/api/membership/constituencies",
                "{\"code\":\"NW-001\",\"name\":\"Demo Constituency\",\"region\":\"NW\"}");
        post(http, stack, token, "/api/membership/affiliates",
                "{\"code\":\"NW-001-UNITE\",\"name\":\"Unite North West\",\"constituency\":\"NW-001\",\"kind\":\"union\"}");
        post(http, stack, token, "/api/membership/affiliates",
                "{\"code\":\"NW-001-FABIANS\",\"name\":\"Fabian Society\",\"constituency\":\"NW-001\",\"kind\":\"society\"}");
        officer(http, stack, token, "NW-001-UNITE", "unite-chair", "Unite Chair");
        officer(http, stack, token, "NW-001-UNITE", "unite-sec", "Unite Secretary");
        officer(http, stack, token, "NW-001-FABIANS", "fabians-sec", "Fabians Secretary");
        out.println("  demo area: region NW, constituency NW-001, affiliates NW-001-UNITE and NW-001-FABIANS");
    }

    static String token(HttpClient http, Stack stack, String user, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + Stack.SERVICES_CLIENT
                + "&client_secret=" + URLEncoder.encode(stack.clientSecret(Stack.SERVICES_CLIENT), StandardCharsets.UTF_8)
                + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("Keycloak refused a token for " + user + ": " + r.body());
        }
        String body = r.body();
        int at = body.indexOf("\"access_token\":\"") + "\"access_token\":\"".length();
        return body.substring(at, body.indexOf('"', at));
    }

    /** The demo officer users of the realm, recorded as their affiliate's officers (the token alone is not enough). */
    private static void officer(HttpClient http, Stack stack, String token, String affiliate, String user, String name)
            throws IOException, InterruptedException {
        post(http, stack, token, "/api/membership/affiliates/" + affiliate + "/officers", "{\"username\":\"" + user
                + "\",\"name\":\"" + name + "\",\"email\":\"" + user + "@demo.selectorate.test\"}");
    }

    private static void post(HttpClient http, Stack stack, String token, String path, String json)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IOException("could not create the demo area (" + path + " answered " + r.statusCode() + "): " + r.body());
        }
    }

    private static Map<String, String> users() {
        Map<String, String> u = new LinkedHashMap<>();
        u.put("hq", "hq-admin: everything, everywhere");
        u.put("regional", "regional-admin of region NW");
        u.put("secretary", "procedures-secretary of NW-001");
        u.put("committee", "committee-member of NW-001");
        u.put("scrutineer", "scrutineer of NW-001 and NW-002");
        u.put("officer", "hq-admin and scrutineer, everywhere: the demo's second teller");
        u.put("candidate", "candidate in NW-001");
        u.put("member", "member in NW-001");
        u.put("unite-chair", "affiliate-officer of NW-001-UNITE");
        u.put("unite-sec", "affiliate-officer of NW-001-UNITE");
        u.put("fabians-sec", "affiliate-officer of NW-001-FABIANS");
        // The reselection scenario's affiliates (demo --scenario reselection creates them in NW-002): two officers each.
        for (String affiliate : new String[] {"unison", "gmb", "cwu", "coop", "sera"}) {
            String code = "NW-002-" + affiliate.toUpperCase(java.util.Locale.ROOT);
            u.put(affiliate + "-chair", "affiliate-officer of " + code);
            u.put(affiliate + "-sec", "affiliate-officer of " + code);
        }
        return u;
    }
}
