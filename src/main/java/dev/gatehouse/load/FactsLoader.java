package dev.gatehouse.load;

import dev.gatehouse.api.ProblemCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.org.Account;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Group;
import dev.gatehouse.org.ManagedPolicy;
import dev.gatehouse.org.Organization;
import dev.gatehouse.org.Principal;
import dev.gatehouse.org.Resource;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.api.InputException;
import dev.gatehouse.policy.Json;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicyParser;
import dev.gatehouse.api.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a facts directory (or one GAAD file): {@code organization.json}, {@code accounts/<id>/iam.json}
 * (output of {@code aws iam get-account-authorization-details}), {@code resources.json}, {@code s3/<bucket>.json}
 * and {@code kms/<key-id>.json}. Every problem is recorded with its file and JSON pointer; a file that
 * cannot be read is skipped and named; everything else still loads.
 */
public final class FactsLoader {
    private final List<Problem> problems = new ArrayList<>();
    /** Names AWS does not have (GH115): warnings, kept apart so that they never make what they are found in incomplete. */
    private final List<Problem> warnings = new ArrayList<>();
    private final List<String> loaded = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final Map<String, Principal> principals = new LinkedHashMap<>();
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Map<String, Group> groupsByArn = new LinkedHashMap<>();
    private final Map<String, ManagedPolicy> managedPolicies = new LinkedHashMap<>();
    private final Map<String, Boolean> instanceProfiles = new LinkedHashMap<>();
    private final Map<String, String> incomplete = new LinkedHashMap<>();
    private final Map<String, String> unreadableManaged = new HashMap<>();
    private final Map<String, dev.gatehouse.org.Collection> collections = new LinkedHashMap<>();
    private final Map<String, dev.gatehouse.org.Location> locations = new HashMap<>();
    private Organization organization;

    private FactsLoader() {
    }

    /** Loads a facts directory or a single GAAD file. Throws only when the path itself cannot be read. */
    public static Facts load(Path path) {
        FactsLoader l = new FactsLoader();
        if (!Files.exists(path)) {
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, path.toString(), "", "no such file or directory"));
        }
        if (Files.isDirectory(path)) {
            l.directory(path);
        } else {
            l.export(path, null);
        }
        return new Facts(l.organization, l.principals, l.resources, l.groupsByArn, l.managedPolicies, l.instanceProfiles,
                l.incomplete, java.util.stream.Stream.concat(l.problems.stream(), l.warnings.stream()).toList(), l.loaded, l.skipped, l.collections, l.locations);
    }

    /** The facts folder, as a real path: files are read only inside it. Null when one file is loaded. */
    private Path root;

    private JsonNode read(Path p) {
        return readWith(p, text -> Json.parse(text, p.toString()));
    }

    /**
     * Reads an export: a large one (more than {@link #STREAM_ABOVE} characters, in the plain form AWS prints)
     * streamed list by list, one object's tree at a time; any other parsed whole. False when it could not be read.
     */
    private boolean export(Path p, String account) {
        return readWith(p, text -> {
            if (text.length() > STREAM_ABOVE) {
                List<String> keys = Json.topLevelKeys(text, p.toString());
                if (keys != null && (keys.contains("UserDetailList") || keys.contains("RoleDetailList") || keys.contains("Policies"))) {
                    readExport(streamed(text), p.toString(), account);
                    return Boolean.TRUE;
                }
            }
            gaad(Json.parse(text, p.toString()), p.toString(), account);
            return Boolean.TRUE;
        }) != null;
    }

    /**
     * Reads a file inside the facts folder and gives its text to {@code use}; a file that cannot be read, is not
     * JSON or is more than the heap holds is named, skipped and gives null, and the rest still loads.
     */
    private <T> T readWith(Path p, java.util.function.Function<String, T> use) {
        try {
            if (root != null && !inside(p)) {
                throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, p.toString(), "", "not read: a link to "
                        + dev.gatehouse.policy.Printable.line(target(p)) + ", outside the facts folder; copy the file into the folder to use it"));
            }
            T out = use.apply(dev.gatehouse.policy.TextFile.read(p));
            loaded.add(p.toString());
            return out;
        } catch (OutOfMemoryError e) {
            // the tree of this file is let go with the error: the rest still loads
            InputException ie = new InputException(new Problem(ProblemCode.FILE_UNREADABLE, p.toString(), "", "cannot read: this run's heap ("
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB) ran out while parsing it; "
                    + dev.gatehouse.policy.TextFile.MORE_HEAP));
            problems.addAll(ie.problems());
            skipped.add(p + " (the heap ran out while parsing it)");
        } catch (InputException e) {
            problems.addAll(e.problems());
            String why = e.problems().get(0).message();
            skipped.add(p + " (" + (why.length() > 80 ? why.substring(0, 77) + "..." : why) + ")");
        }
        return null;
    }

    private boolean inside(Path p) {
        try {
            return p.toRealPath().startsWith(root);
        } catch (IOException e) {
            return true; // a broken link: TextFile says so
        }
    }

    private static String target(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toString();
        }
    }

    private void directory(Path dir) {
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, dir.toString(), "", "cannot read the folder: " + e.getMessage()));
        }
        Path org = dir.resolve("organization.json");
        if (Files.exists(org)) {
            JsonNode n = read(org);
            if (n != null) {
                organization(n, org.toString());
            }
        }
        Path accounts = dir.resolve("accounts");
        if (!Files.isDirectory(accounts)) {
            problems.add(new Problem(ProblemCode.FILE_UNREADABLE, accounts.toString(), "", "missing folder: expected accounts/<12-digit id>/iam.json"));
            return;
        }
        if (organization != null) {
            // an account of the organization with no folder is not an account without principals or resources
            for (String id : new java.util.TreeSet<>(organization.accounts().keySet())) {
                if (!Files.isDirectory(accounts.resolve(id))) {
                    String why = accounts.resolve(id) + " is missing: the account's users, roles and resources are not in the facts";
                    incomplete.putIfAbsent(id, why);
                    incomplete.putIfAbsent(dev.gatehouse.org.Collection.scope("*", "*", id), why);
                }
            }
        }
        for (Path acct : list(accounts)) {
            String id = acct.getFileName().toString();
            if (!Files.isDirectory(acct) || !id.matches("\\d{12}")) {
                problems.add(new Problem(ProblemCode.FILE_UNREADABLE, acct.toString(), "", "expected a folder named by a 12-digit account id"));
                skipped.add(acct + " (not an account folder)");
                continue;
            }
            Path iam = acct.resolve("iam.json");
            if ((Files.exists(iam) || Files.isSymbolicLink(iam)) && !export(iam, id)) {
                incomplete.put(id, iam + " could not be read: the account's users, groups and roles are unknown");
            }
            Path res = acct.resolve("resources.json");
            if (Files.exists(res)) {
                JsonNode n = read(res);
                if (n != null) {
                    resourcesFile(n, res.toString(), id);
                }
            }
            Path s3 = acct.resolve("s3");
            if (Files.isDirectory(s3)) {
                for (Path f : list(s3)) {
                    String bucket = strip(f);
                    JsonNode n = read(f);
                    if (n != null) {
                        rawPolicy(n, f.toString(), "arn:aws:s3:::" + bucket, id);
                    } else {
                        unreadableResource("arn:aws:s3:::" + bucket, id, f + " could not be read: the bucket policy is unknown");
                    }
                }
            }
            Path kms = acct.resolve("kms");
            if (Files.isDirectory(kms)) {
                for (Path f : list(kms)) {
                    JsonNode n = read(f);
                    if (n == null) {
                        unreadableResource("arn:aws:kms:*:" + id + ":key/" + strip(f), id, f + " could not be read: the key policy is unknown");
                    } else {
                        String arn = n.hasNonNull("KeyArn") ? n.get("KeyArn").asText()
                                : "arn:aws:kms:*:" + id + ":key/" + strip(f);
                        rawPolicy(n, f.toString(), arn, id);
                    }
                }
            }
            Path manifest = acct.resolve(MANIFEST);
            if (Files.exists(manifest) || Files.isSymbolicLink(manifest)) {
                JsonNode n = read(manifest);
                if (n != null) {
                    collected(n, manifest.toString(), id);
                } else {
                    incomplete.put(id, manifest + " could not be read: what collect could not read of the account is unknown");
                    incomplete.put(dev.gatehouse.org.Collection.scope("*", "*", id), incomplete.get(id));
                }
            }
        }
    }

    /** What {@code gatehouse collect} writes into each account's folder: what it asked, and what it could not read. */
    public static final String MANIFEST = "collected.json";

    /**
     * An account's {@code collected.json}: the services and regions collect asked, and each call it could not read,
     * which leaves something unknown: the account's principals (its role could not be assumed, or its IAM export
     * not read), a kind of resource in a region (a listing refused), one resource's policy (a stand-in takes its
     * place) or tags, or the organization's policies (a problem: SCPs and RCPs can only deny, so none is missed).
     */
    private void collected(JsonNode n, String file, String account) {
        if (!n.isObject()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, "", "expected {\"Account\", \"Services\", \"Regions\", \"NotRead\"}, found "
                    + Json.kind(n)));
            incomplete.put(account, file + " is not what collect writes: what it could not read of the account is unknown");
            return;
        }
        collections.put(account, new dev.gatehouse.org.Collection(account, strings(n, "Services", file), strings(n, "Regions", file), file));
        if (!n.path("NotRead").isArray()) {
            // what collect could not read is not said: it may be anything
            incomplete.put(dev.gatehouse.org.Collection.scope("*", "*", account), file + " does not list what collect could not read "
                    + "(NotRead): the account's resources may be unknown");
        }
        List<JsonNode> failed = objects(n, "NotRead", file, "");
        for (int i = 0; i < failed.size(); i++) {
            JsonNode f = failed.get(i);
            String at = "/NotRead/" + i;
            String api = text(f, "Api", file, at);
            if (api == null || !api.contains(":")) {
                incomplete.putIfAbsent(dev.gatehouse.org.Collection.scope("*", "*", account), file + " " + at + " names no API: what it could not read is unknown");
                continue;
            }
            String region = f.hasNonNull("Region") ? f.get("Region").asText() : "*";
            String resource = f.hasNonNull("Resource") ? f.get("Resource").asText() : null;
            String why = api + (resource != null ? " on " + resource : "") + (region.equals("*") ? "" : " in " + region) + " was refused ("
                    + f.path("Error").asText("an error") + (f.path("Message").asText("").isEmpty() ? "" : ": " + f.path("Message").asText()) + ")";
            String service = api.substring(0, api.indexOf(':'));
            String operation = api.substring(api.indexOf(':') + 1);
            if (api.equals("sts:AssumeRole")) {
                why = "not collected: " + why + "; the account's users, roles and resources are unknown";
                incomplete.put(account, why);
                incomplete.put(dev.gatehouse.org.Collection.scope("*", "*", account), why);
            } else if (api.equals("iam:GetAccountAuthorizationDetails")) {
                incomplete.put(account, why + ": the account's users, groups and roles are unknown");
            } else if (service.equals("organizations")) {
                problems.add(new Problem(ProblemCode.FILE_UNREADABLE, file, at, why + ": a policy collect could not read stands in "
                        + "organization.json as one that could not be read, wherever it may be attached"));
            } else if (resource != null && Arn.isArn(resource) && operation.contains("Tag")) {
                incomplete.putIfAbsent(resource, why + ": its tags, and the conditions on them, are unknown");
            } else if (resource != null && Arn.isArn(resource)) {
                unreadPolicy(resource, account, why + ": its policy is unknown");
            } else {
                // a listing (or a call about a resource whose ARN it did not give): that kind of resource there is unknown
                incomplete.putIfAbsent(dev.gatehouse.org.Collection.scope(service, region, account), why + ": the account's "
                        + service + " resources" + (region.equals("*") ? "" : " in " + region) + " are unknown");
            }
        }
    }

    /** The strings of a list field; anything else is a problem, and the field counts as empty. */
    private List<String> strings(JsonNode n, String field, String file) {
        List<String> out = new ArrayList<>();
        JsonNode l = n.get(field);
        if (l == null || !l.isArray()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, Json.seg(field), "expected a list of names, found "
                    + (l == null ? "nothing" : Json.kind(l))));
            return out;
        }
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).isTextual()) {
                out.add(l.get(i).asText());
            } else {
                problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, Json.seg(field) + "/" + i, "expected a name, found " + Json.kind(l.get(i))));
            }
        }
        return out;
    }

    /** A resource collect listed but whose policy it could not read: the stand-in takes the place of its policy, tags kept. */
    private void unreadPolicy(String arn, String account, String why) {
        Resource known = resources.get(arn);
        incomplete.put(arn, why);
        resources.put(arn, new Resource(arn, known != null ? known.account() : account, dev.gatehouse.engine.UnreadablePolicy.standIn(
                PolicyKind.RESOURCE, arn + "#policy", policyWord(arn) + " of " + lastName(arn)), known != null ? known.tags() : Map.of()));
    }

    private static String strip(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    private List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(ProblemCode.FILE_UNREADABLE, dir.toString(), "", "cannot list: " + e.getMessage()));
            skipped.add(dir + " (cannot list)");
            return List.of();
        }
    }

    /** The objects of a list field; anything else is a problem, and the field counts as empty. */
    private List<JsonNode> objects(JsonNode parent, String field, String file, String at) {
        JsonNode n = parent == null ? null : parent.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.isNull()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, at + Json.seg(field), "expected a list, found `null`"));
            return out;
        }
        if (!n.isArray()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, at + Json.seg(field), "expected a list, found " + Json.kind(n)));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            if (n.get(i).isObject()) {
                out.add(n.get(i));
            } else {
                problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, at + Json.seg(field) + "/" + i, "expected an object, found " + Json.kind(n.get(i))));
                out.add(Json.mapper().createObjectNode());
            }
        }
        return out;
    }

    /** Marks a principal incomplete when problems were found since {@code before}: the first names why. */
    /** Where each principal and resource was defined: a second definition is reported, never silently taken. */
    private final Map<String, String> definedAt = new HashMap<>();

    private void putPrincipal(Principal p, String file, String at) {
        Principal old = principals.get(p.arn());
        if (duplicate(p.arn(), old, p, file, at)) {
            // neither definition is dropped: the policies of both, and a stand-in for not knowing which holds
            List<Policy> both = new ArrayList<>(old.policies());
            for (Policy x : p.policies()) {
                Policy same = both.stream().filter(y -> y.id().equals(x.id())).findFirst().orElse(null);
                if (same == null) {
                    both.add(x);
                } else if (!same.statements().equals(x.statements())) {
                    both.add(new Policy(x.id() + "#second", x.name() + " (second definition)", x.version(), x.statements()));
                }
            }
            both.add(dev.gatehouse.engine.UnreadablePolicy.standIn(PolicyKind.IDENTITY, p.arn() + "#twice", "the two definitions of "
                    + lastName(p.arn())));
            List<String> groups = new ArrayList<>(old.groups());
            p.groups().stream().filter(g -> !groups.contains(g)).forEach(groups::add);
            Policy boundary = sameContent(old.boundary(), p.boundary()) ? p.boundary()
                    : dev.gatehouse.engine.UnreadablePolicy.standIn(PolicyKind.BOUNDARY, p.arn() + "#twice-boundary",
                    "the two boundaries of " + lastName(p.arn()));
            Policy trust = sameContent(old.trust(), p.trust()) ? p.trust()
                    : dev.gatehouse.engine.UnreadablePolicy.standIn(PolicyKind.RESOURCE, p.arn() + "#twice-trust",
                    "the two trust policies of " + lastName(p.arn()));
            p = new Principal(p.arn(), p.kind(), p.account(), p.name(), p.tags(), both, boundary, groups, trust);
        }
        principals.put(p.arn(), p);
    }

    /** Whether two policies say the same (a Policy is equal to another of its id: two definitions' trust policies share one). */
    private static boolean sameContent(Policy a, Policy b) {
        return a == null ? b == null : b != null && a.statements().equals(b.statements());
    }

    private void putResource(Resource r, String file, String at) {
        Resource old = resources.get(r.arn()) == null || principals.containsKey(r.arn()) ? null : resources.get(r.arn());
        if (duplicate(r.arn(), old, r, file, at)) {
            // which of the two policies holds is unknown: a stand-in, so that what either grants stays (Conditional)
            r = new Resource(r.arn(), r.account(), dev.gatehouse.engine.UnreadablePolicy.standIn(PolicyKind.RESOURCE, r.arn() + "#twice",
                    "the two " + policyWord(r.arn()) + " definitions of " + lastName(r.arn())), r.tags());
        }
        resources.put(r.arn(), r);
    }

    /**
     * A second definition of one ARN (the same user in two accounts' files, a bucket in resources.json and in s3/):
     * reported; when the two differ (returns true), answers about it are marked incomplete and rest on both —
     * what either grants stays, Conditional on which holds — rather than on the last one read.
     */
    private boolean duplicate(String arn, Object old, Object now, String file, String at) {
        String here = file + (at.isEmpty() ? "" : " " + at);
        if (old != null) {
            boolean same = old.toString().equals(now.toString());
            problems.add(new Problem(ProblemCode.DUPLICATE, file, at, "`" + arn + "` is defined again (first in " + definedAt.get(arn)
                    + (same ? "); both say the same" : "); the two differ, so answers about it are Conditional on which holds and "
                    + "marked incomplete")));
            if (!same) {
                incomplete.putIfAbsent(arn, "defined twice, differently: in " + definedAt.get(arn) + " and in " + here);
            }
            return !same;
        }
        definedAt.put(arn, here);
        locations.putIfAbsent(arn, new dev.gatehouse.org.Location(file, at, false));
        return false;
    }

    private void incompleteSince(String arn, int before) {
        if (problems.size() > before) {
            incomplete.putIfAbsent(arn, problems.get(before).toString());
        }
    }

    /** A field that may be missing but, when given, must be a string. */
    private void optionalText(JsonNode n, String field, String file, String at) {
        JsonNode v = n.get(field);
        if (v != null && !v.isTextual()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, at + "/" + field, "expected a string, found " + Json.kind(v)));
        }
    }

    private String text(JsonNode n, String field, String file, String at) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, at + "/" + field, "expected a string, found " + Json.kind(v)));
            return null;
        }
        return v.asText();
    }

    private void organization(JsonNode n, String file) {
        String id = text(n, "Id", file, "");
        String mgmt = n.hasNonNull("ManagementAccountId") ? n.get("ManagementAccountId").asText() : null;
        Map<String, String> parentOf = new HashMap<>();
        List<JsonNode> ous = objects(n, "OrganizationalUnits", file, "");
        for (int i = 0; i < ous.size(); i++) {
            String ou = text(ous.get(i), "Id", file, "/OrganizationalUnits/" + i);
            String parent = text(ous.get(i), "ParentId", file, "/OrganizationalUnits/" + i);
            if (ou != null && parent != null) {
                parentOf.put(ou, parent);
            }
        }
        Map<String, Account> accounts = new LinkedHashMap<>();
        List<JsonNode> accts = objects(n, "Accounts", file, "");
        for (int i = 0; i < accts.size(); i++) {
            String at = "/Accounts/" + i;
            String acct = text(accts.get(i), "Id", file, at);
            String parent = text(accts.get(i), "ParentId", file, at);
            if (acct == null || parent == null) {
                continue;
            }
            List<String> path = new ArrayList<>();
            String p = parent;
            int guard = 0;
            while (p != null && guard++ < 20) {
                path.add(0, p);
                p = parentOf.get(p);
            }
            if (!path.get(0).startsWith("r-")) {
                problems.add(new Problem(ProblemCode.WRONG_ACCOUNT, file, at + "/ParentId", "the parent chain of account `" + acct
                        + "` does not reach a root (`r-…`); found `" + path.get(0) + "`"));
            }
            accounts.put(acct, new Account(acct, accts.get(i).path("Name").asText(""), path));
        }
        Map<String, List<Policy>> scps = new HashMap<>();
        Map<String, List<Policy>> rcps = new HashMap<>();
        List<JsonNode> pols = objects(n, "Policies", file, "");
        for (int i = 0; i < pols.size(); i++) {
            String at = "/Policies/" + i;
            JsonNode p = pols.get(i);
            String type = text(p, "Type", file, at);
            String name = p.path("Name").asText(p.path("Id").asText("policy-" + i));
            PolicyKind kind = "SERVICE_CONTROL_POLICY".equals(type) ? PolicyKind.SCP
                    : "RESOURCE_CONTROL_POLICY".equals(type) ? PolicyKind.RCP : null;
            if (kind == null) {
                if (type != null) {
                    problems.add(new Problem(ProblemCode.INVALID_VALUE, file, at + "/Type", "expected `SERVICE_CONTROL_POLICY` or "
                            + "`RESOURCE_CONTROL_POLICY`, found `" + type + "`"));
                }
                continue;
            }
            PolicyParser.Result r = PolicyParser.parse(p.get("Content"), kind, "org:" + p.path("Id").asText(name), name,
                    file, at + "/Content");
            problems.addAll(r.problems());
            if (r.policy() != null) {
                warnings.addAll(dev.gatehouse.policy.AwsNames.shipped().unknownNames(p.get("Content"), file, at + "/Content"));
            }
            // an SCP or RCP that cannot be read is not dropped, which would make its Denies ineffective: a Deny of
            // everything on an unknown condition stands in for it, so what it bears on is answered Conditional
            Policy pol = r.policy() != null ? r.policy()
                    : dev.gatehouse.engine.UnreadablePolicy.standIn(kind, p.path("Id").asText(name), name);
            for (JsonNode t : p.path("Targets")) {
                (kind == PolicyKind.SCP ? scps : rcps).computeIfAbsent(t.asText(), k -> new ArrayList<>()).add(pol);
            }
        }
        Policy full = PolicyParser.parse(Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}", "builtin"), PolicyKind.RCP,
                "org:RCPFullAWSAccess", "RCPFullAWSAccess", "builtin", "").orThrow();
        organization = new Organization(id == null ? "o-unknown" : id, mgmt, accounts, scps, rcps, full);
    }

    private Policy policy(JsonNode doc, PolicyKind kind, String id, String name, String file, String at) {
        if (doc == null || doc.isNull()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, at, "missing policy document"));
            return null;
        }
        PolicyParser.Result r = PolicyParser.parse(doc, kind, id, name, file, at);
        problems.addAll(r.problems());
        if (r.policy() != null && !(id != null && id.startsWith("arn:aws:iam::aws:policy/"))) {
            // AWS's own policies name retired actions the catalog no longer has: not the auditor's to fix
            warnings.addAll(dev.gatehouse.policy.AwsNames.shipped().unknownNames(doc, file, at));
        }
        if (r.policy() != null) {
            locations.putIfAbsent(id, new dev.gatehouse.org.Location(file, at, doc.path("Statement").isArray()));
        }
        return r.policy();
    }

    private Map<String, String> tags(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.isArray()) {
            n.forEach(t -> {
                if (t.isObject()) {
                    out.put(t.path("Key").asText(), t.path("Value").asText());
                }
            });
        } else if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    /** One GAAD document; {@code account} is the folder's id, or null to read it from the ARNs. */
    private void gaad(JsonNode n, String file, String account) {
        if (n.isObject() && n.get("gaad") != null && n.get("gaad").isObject() && !n.has("UserDetailList")) {
            // a scenario file: {"_meta": …, "gaad": {the export}, "expected": …}
            gaad(n.get("gaad"), file + "#/gaad", account);
            return;
        }
        if (n.isArray() && !n.isEmpty()) {
            // the pages of a paginated export (what `aws iam get-account-authorization-details` gives page by page)
            boolean pages = true;
            for (JsonNode page : n) {
                pages &= page.isObject() && (page.has("UserDetailList") || page.has("RoleDetailList") || page.has("Policies"));
            }
            if (pages) {
                com.fasterxml.jackson.databind.node.ObjectNode merged = Json.mapper().createObjectNode();
                for (String list : List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")) {
                    com.fasterxml.jackson.databind.node.ArrayNode all = merged.putArray(list);
                    for (JsonNode page : n) {
                        if (page.get(list) != null && page.get(list).isArray()) {
                            page.get(list).forEach(all::add);
                        }
                    }
                }
                gaad(merged, file, account);
                return;
            }
        }
        if (!n.isObject() || !(n.has("UserDetailList") || n.has("RoleDetailList") || n.has("Policies"))) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, "", "expected the output of `aws iam get-account-authorization-details` "
                    + "(UserDetailList, GroupDetailList, RoleDetailList, Policies), found " + Json.kind(n)));
            return;
        }
        readExport(tree(n), file, account);
    }

    /** The users, groups, roles and managed policies of one export: the policies first, as the others name them. */
    private void readExport(ExportLists lists, String file, String account) {
        Map<String, Policy> managed = readManagedPolicies(lists, file);
        GroupPolicies groups = readGroups(lists, file, managed);
        readUsers(lists, file, account, managed, groups);
        readRoles(lists, file, account, managed);
    }

    /**
     * The top-level lists of an export, each read one object at a time: from a parsed tree, or streamed from the
     * text of a large export (each list a pass of its own, one object's tree at a time, so that the heap holds
     * the text and the facts but never the whole document's tree). What is not an object is reported and read
     * as an empty one.
     */
    private interface ExportLists {
        Iterable<JsonNode> objects(String field, String file);
    }

    private ExportLists tree(JsonNode n) {
        return (field, file) -> objects(n, field, file, "");
    }

    /** Exports larger than this many characters are streamed (see ExportLists); -Dgatehouse.streamAbove lowers it for tests. */
    static final long STREAM_ABOVE = Long.getLong("gatehouse.streamAbove", 16L * 1024 * 1024);

    /** Reads one value where a streamed parser stands (what follows it is the rest of the export, not a second value). */
    private static final com.fasterxml.jackson.databind.ObjectReader ELEMENT = Json.mapper().reader()
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ExportLists streamed(String text) {
        return (field, file) -> () -> new java.util.Iterator<>() {
            private final com.fasterxml.jackson.core.JsonParser p = open();
            private int index = -1;
            private JsonNode next = advance();

            private com.fasterxml.jackson.core.JsonParser open() {
                try {
                    com.fasterxml.jackson.core.JsonParser jp = Json.mapper().getFactory().createParser(text);
                    jp.nextToken();
                    while (jp.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                        String name = jp.currentName();
                        com.fasterxml.jackson.core.JsonToken t = jp.nextToken();
                        if (!name.equals(field)) {
                            jp.skipChildren();
                            continue;
                        }
                        if (t == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                            return jp;
                        }
                        JsonNode v = ELEMENT.readTree(jp);
                        problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, Json.seg(field), "expected a list, found " + Json.kind(v)));
                        return null;
                    }
                    return null;
                } catch (java.io.IOException e) {
                    // the whole text was parsed once before: it is JSON
                    throw new java.io.UncheckedIOException(e);
                }
            }

            private JsonNode advance() {
                if (p == null) {
                    return null;
                }
                try {
                    com.fasterxml.jackson.core.JsonToken t = p.nextToken();
                    if (t == com.fasterxml.jackson.core.JsonToken.END_ARRAY || t == null) {
                        return null;
                    }
                    index++;
                    JsonNode v = ELEMENT.readTree(p);
                    if (v != null && v.isObject()) {
                        return v;
                    }
                    problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, Json.seg(field) + "/" + index, "expected an object, found "
                            + Json.kind(v)));
                    return Json.mapper().createObjectNode();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public JsonNode next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                JsonNode out = next;
                next = advance();
                return out;
            }
        };
    }

    /** The policies of each group by name (how a user's GroupList names them), and the first problem of each group that has one. */
    private record GroupPolicies(Map<String, List<Policy>> byName, Map<String, String> problems) {
    }

    /** The managed policies of an export by ARN (their default versions); customer-managed ones keep every stored version. */
    private Map<String, Policy> readManagedPolicies(ExportLists n, String file) {
        Map<String, Policy> managed = new HashMap<>();
        int i = -1;
        for (JsonNode p : n.objects("Policies", file)) {
            i++;
            String at = "/Policies/" + i;
            String arn = text(p, "Arn", file, at);
            // AWS always gives the name; an export without it (moto's) is named as the ARN ends
            String name = p.path("PolicyName").asText(arn == null ? null : lastName(arn));
            List<JsonNode> versions = objects(p, "PolicyVersionList", file, at);
            for (int v = 0; v < versions.size(); v++) {
                JsonNode d = versions.get(v).get("IsDefaultVersion");
                if (d != null && !d.isBoolean()) {
                    problems.add(new Problem(ProblemCode.INVALID_VALUE, file, at + "/PolicyVersionList/" + v + "/IsDefaultVersion",
                            "expected true or false, found " + Json.kind(d)));
                }
            }
            JsonNode doc = null;
            String docAt = null;
            String defaultId = null;
            for (int v = 0; v < versions.size(); v++) {
                if (versions.get(v).path("IsDefaultVersion").isBoolean() && versions.get(v).path("IsDefaultVersion").asBoolean()) {
                    doc = versions.get(v).get("Document");
                    docAt = at + "/PolicyVersionList/" + v + "/Document";
                    defaultId = versions.get(v).path("VersionId").asText("default");
                }
            }
            if (arn == null) {
                continue;
            }
            if (doc == null) {
                problems.add(new Problem(ProblemCode.MISSING_REFERENCE, file, at + "/PolicyVersionList", "no default version of managed policy `" + name + "`"));
                unreadableManaged.put(arn, at);
                continue;
            }
            Policy pol = policy(doc, PolicyKind.IDENTITY, arn, name, file, docAt);
            if (pol == null) {
                unreadableManaged.put(arn, docAt);
            }
            if (pol != null) {
                managed.put(arn, pol);
                Arn pa = Arn.parse(arn).orElse(null);
                if (pa != null && pa.account().matches("\\d{12}")) {
                    // a customer-managed policy: keep every version (iam:SetDefaultPolicyVersion can switch to one)
                    Map<String, Policy> all = new LinkedHashMap<>();
                    all.put(defaultId, pol);
                    for (int v = 0; v < versions.size(); v++) {
                        JsonNode ver = versions.get(v);
                        String vid = ver.path("VersionId").asText("v" + v);
                        if (ver.path("IsDefaultVersion").isBoolean() && ver.path("IsDefaultVersion").asBoolean()) {
                            continue;
                        }
                        Policy other = policy(ver.get("Document"), PolicyKind.IDENTITY, arn + "?version=" + vid,
                                name + " (" + vid + ")", file, at + "/PolicyVersionList/" + v + "/Document");
                        if (other != null) {
                            all.put(vid, other);
                        }
                    }
                    managedPolicies.put(arn, new ManagedPolicy(arn, pa.account(), name, defaultId, all));
                }
            }
        }
        return managed;
    }

    private GroupPolicies readGroups(ExportLists n, String file, Map<String, Policy> managed) {
        Map<String, List<Policy>> groups = new HashMap<>();
        Map<String, String> groupProblems = new HashMap<>();
        int i = -1;
        for (JsonNode g : n.objects("GroupDetailList", file)) {
            i++;
            String at = "/GroupDetailList/" + i;
            String name = text(g, "GroupName", file, at);
            String arn = name;
            if (g.has("Arn")) {
                arn = text(g, "Arn", file, at);
            }
            if (arn == null) {
                continue;
            }
            int before = problems.size();
            List<Policy> ps = ownPolicies(g, "GroupPolicyList", arn, managed, file, at);
            if (name != null) {
                if (problems.size() > before) {
                    groupProblems.put(name, problems.get(before).toString());
                }
                groups.put(name, ps);
                Arn ga = Arn.parse(arn).orElse(null);
                if (ga != null && ga.account().matches("\\d{12}")) {
                    groupsByArn.put(arn, new Group(arn, ga.account(), name, ps));
                }
            }
        }
        return new GroupPolicies(groups, groupProblems);
    }

    private void readUsers(ExportLists n, String file, String account, Map<String, Policy> managed, GroupPolicies groupPolicies) {
        Map<String, List<Policy>> groups = groupPolicies.byName();
        Map<String, String> groupProblems = groupPolicies.problems();
        int i = -1;
        for (JsonNode u : n.objects("UserDetailList", file)) {
            i++;
            String at = "/UserDetailList/" + i;
            String arn = text(u, "Arn", file, at);
            optionalText(u, "UserName", file, at);
            if (arn == null || !checkArn(arn, "user", account, file, at + "/Arn")) {
                unreadEntity(account, file, at);
                continue;
            }
            int before = problems.size();
            List<Policy> ps = ownPolicies(u, "UserPolicyList", arn, managed, file, at);
            List<String> gnames = new ArrayList<>();
            JsonNode glist = u.path("GroupList");
            if (!glist.isMissingNode() && !glist.isArray()) {
                problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, at + "/GroupList", "expected a list of group names, found " + Json.kind(glist)));
            }
            for (int k = 0; glist.isArray() && k < glist.size(); k++) {
                String gname = glist.get(k).asText();
                gnames.add(gname);
                List<Policy> gps = groups.get(gname);
                if (gps == null) {
                    problems.add(new Problem(ProblemCode.MISSING_REFERENCE, file, at + "/GroupList/" + k, "group `" + gname
                            + "` is not in GroupDetailList: its policies are unknown"));
                } else {
                    ps.addAll(gps);
                    if (groupProblems.containsKey(gname)) {
                        incomplete.putIfAbsent(arn, groupProblems.get(gname));
                    }
                }
            }
            Policy boundary = boundary(u, managed, file, at);
            incompleteSince(arn, before);
            Arn a = Arn.parse(arn).orElseThrow();
            putPrincipal(new Principal(arn, Principal.Kind.USER, a.account(), a.resourceName(), tags(u.get("Tags")),
                    ps, boundary, gnames, null), file, at);
        }
    }

    private void readRoles(ExportLists n, String file, String account, Map<String, Policy> managed) {
        int i = -1;
        for (JsonNode r : n.objects("RoleDetailList", file)) {
            i++;
            String at = "/RoleDetailList/" + i;
            String arn = text(r, "Arn", file, at);
            optionalText(r, "RoleName", file, at);
            if (arn == null || !checkArn(arn, "role", account, file, at + "/Arn")) {
                unreadEntity(account, file, at);
                continue;
            }
            int before = problems.size();
            List<Policy> ps = ownPolicies(r, "RolePolicyList", arn, managed, file, at);
            Policy trust = policy(r.get("AssumeRolePolicyDocument"), PolicyKind.RESOURCE, arn + "#trust", "trust policy of " + lastName(arn),
                    file, at + "/AssumeRolePolicyDocument");
            if (trust == null && r.hasNonNull("AssumeRolePolicyDocument")) {
                // who may assume the role is unknown, not "nobody"
                trust = dev.gatehouse.engine.UnreadablePolicy.standIn(PolicyKind.RESOURCE, arn + "#trust", "trust policy of " + lastName(arn));
            }
            Policy boundary = boundary(r, managed, file, at);
            incompleteSince(arn, before);
            Arn a = Arn.parse(arn).orElseThrow();
            JsonNode profiles = r.get("InstanceProfileList");
            if (profiles != null && profiles.isArray()) {
                instanceProfiles.put(arn, !profiles.isEmpty());
            }
            putPrincipal(new Principal(arn, Principal.Kind.ROLE, a.account(), a.resourceName(), tags(r.get("Tags")),
                    ps, boundary, List.of(), trust), file, at);
            resources.put(arn, new Resource(arn, a.account(), principals.get(arn).trust(), tags(r.get("Tags"))));
        }
    }

    /**
     * A user or role of an account's export that could not be read (no ARN, or one that is not its kind's): the
     * account's principals are then not all known, so answers about its resources say so (incomplete).
     */
    private void unreadEntity(String account, String file, String at) {
        if (account != null) {
            incomplete.putIfAbsent(account, file + " " + at + " could not be read: the account may have a principal the facts do not hold");
        }
    }

    private boolean checkArn(String arn, String type, String account, String file, String at) {
        String tooLong = dev.gatehouse.policy.AwsLimits.arnTooLong(arn);
        if (tooLong != null) {
            problems.add(new Problem(ProblemCode.INVALID_VALUE, file, at, tooLong));
            return false;
        }
        Arn a = Arn.parse(arn).orElse(null);
        if (a == null || !a.service().equals("iam") || !a.resource().startsWith(type + "/") || !a.account().matches("\\d{12}")
                || a.resourceName().isEmpty() || Callers.parse(arn, null) == null) {
            problems.add(new Problem(ProblemCode.INVALID_VALUE, file, at, "expected an IAM " + type + " ARN, found `" + arn + "`"));
            return false;
        }
        if (account != null && !account.equals(a.account())) {
            problems.add(new Problem(ProblemCode.WRONG_ACCOUNT, file, at, "the " + type + " `" + arn + "` belongs to account " + a.account()
                    + ", not to the folder's account " + account));
        }
        return true;
    }

    private Policy boundary(JsonNode entity, Map<String, Policy> managed, String file, String at) {
        JsonNode pb = entity.get("PermissionsBoundary");
        if (pb == null) {
            return null;
        }
        if (!pb.isObject()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, at + "/PermissionsBoundary", "expected an object with PermissionsBoundaryArn, found "
                    + Json.kind(pb)));
            return null;
        }
        String arn = pb.path("PermissionsBoundaryArn").asText(null);
        if (arn == null) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, at + "/PermissionsBoundary", "missing `PermissionsBoundaryArn`"));
            return null;
        }
        Policy p = managed.get(arn);
        if (p == null) {
            problems.add(new Problem(ProblemCode.MISSING_REFERENCE, file, at + "/PermissionsBoundary/PermissionsBoundaryArn", "permissions boundary `"
                    + arn + "` is not in Policies: the principal's boundary is unknown"));
            // dropping it would lift the cap it sets; a stand-in leaves what it caps Conditional
            return dev.gatehouse.engine.UnreadablePolicy.standIn(PolicyKind.BOUNDARY, arn + "#boundary", "permissions boundary " + arn);
        }
        return p;
    }

    /** A user's, group's or role's inline policies (from {@code inlineField}) and attached managed policies. */
    private List<Policy> ownPolicies(JsonNode entity, String inlineField, String owner, Map<String, Policy> managed,
                                     String file, String at) {
        List<Policy> ps = new ArrayList<>();
        inline(objects(entity, inlineField, file, at), owner, file, at + "/" + inlineField, ps);
        attached(objects(entity, "AttachedManagedPolicies", file, at), managed, file, at + "/AttachedManagedPolicies", ps);
        return ps;
    }

    private void inline(List<JsonNode> list, String owner, String file, String at, List<Policy> out) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String name = p.path("PolicyName").asText("inline-" + i);
            Policy pol = policy(p.get("PolicyDocument"), PolicyKind.IDENTITY, owner + "#inline/" + name, name, file,
                    at + "/" + i + "/PolicyDocument");
            // one that cannot be read stands as a possible Deny: a Deny Gatehouse cannot read never stops working
            out.add(pol != null ? pol : dev.gatehouse.engine.UnreadablePolicy.standIn(PolicyKind.IDENTITY, owner + "#inline/" + name,
                    "identity policy " + name));
        }
    }

    private void attached(List<JsonNode> list, Map<String, Policy> managed, String file, String at, List<Policy> out) {
        for (int i = 0; i < list.size(); i++) {
            String arn = list.get(i).path("PolicyArn").asText("");
            Policy p = managed.get(arn);
            if (p == null && unreadableManaged.containsKey(arn)) {
                problems.add(new Problem(ProblemCode.MISSING_REFERENCE, file, at + "/" + i + "/PolicyArn", "managed policy `" + arn
                        + "` could not be read (see " + unreadableManaged.get(arn) + "): its permissions are unknown"));
                out.add(dev.gatehouse.engine.UnreadablePolicy.standIn(PolicyKind.IDENTITY, arn, "managed policy " + arn));
            } else if (p == null) {
                problems.add(new Problem(ProblemCode.MISSING_REFERENCE, file, at + "/" + i + "/PolicyArn", "managed policy `" + arn
                        + "` is not in Policies: its permissions are unknown"));
                out.add(dev.gatehouse.engine.UnreadablePolicy.standIn(PolicyKind.IDENTITY, arn, "managed policy " + arn));
            } else {
                out.add(p);
            }
        }
    }

    private void resourcesFile(JsonNode n, String file, String account) {
        if (!n.isArray()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, file, "", "expected a list of {\"arn\", \"policy\", \"tags\"}, found " + Json.kind(n)));
            return;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode r = n.get(i);
            String at = "/" + i;
            String arn = text(r, "arn", file, at);
            if (arn == null) {
                continue;
            }
            String tooLong = dev.gatehouse.policy.AwsLimits.arnTooLong(arn);
            if (tooLong != null || !Arn.isArn(arn)) {
                problems.add(new Problem(ProblemCode.INVALID_VALUE, file, at + "/arn", tooLong != null ? tooLong
                        : "expected an ARN, found `" + arn + "`"));
                continue;
            }
            Policy p = null;
            if (r.hasNonNull("policy")) {
                int before = problems.size();
                p = policy(r.get("policy"), PolicyKind.RESOURCE, arn + "#policy", policyWord(arn) + " of " + lastName(arn), file,
                        at + "/policy");
                if (p == null) {
                    unreadableResource(arn, account, problems.size() > before ? problems.get(before).toString() : "its policy could not be read");
                    continue;
                }
            }
            putResource(new Resource(arn, account, p, tags(r.get("tags"))), file, at);
        }
    }

    private void rawPolicy(JsonNode n, String file, String arn, String account) {
        JsonNode doc = n.has("Policy") ? n.get("Policy") : n;
        String at = n.has("Policy") ? "/Policy" : "";
        int before = problems.size();
        Policy p = policy(doc, PolicyKind.RESOURCE, arn + "#policy", policyWord(arn) + " of " + lastName(arn), file, at);
        if (p != null) {
            // collect adds the resource's tags beside its policy
            putResource(new Resource(arn, account, p, tags(n.get("Tags"))), file, at);
        } else {
            unreadableResource(arn, account, problems.size() > before ? problems.get(before).toString() : "its policy could not be read");
        }
    }

    /**
     * A resource whose policy could not be read: it stays in the facts with a stand-in policy (whoever it
     * names, and whatever it denies, is unknown), so its answers are Conditional and marked incomplete
     * rather than missing.
     */
    private void unreadableResource(String arn, String account, String why) {
        incomplete.put(arn, why);
        resources.putIfAbsent(arn, new Resource(arn, account, dev.gatehouse.engine.UnreadablePolicy.standIn(PolicyKind.RESOURCE,
                arn + "#policy", policyWord(arn) + " of " + lastName(arn)), Map.of()));
    }

    /** What AWS calls a resource's policy: a bucket policy, a key policy, a queue policy, … */
    private static String policyWord(String arn) {
        String service = Arn.parse(arn).map(Arn::service).orElse("");
        return switch (service) {
            case "s3" -> "bucket policy";
            case "kms" -> "key policy";
            case "sqs" -> "queue policy";
            case "sns" -> "topic policy";
            case "secretsmanager" -> "secret policy";
            case "lambda" -> "function policy";
            case "ecr" -> "repository policy";
            case "iam" -> "trust policy";
            default -> "resource policy";
        };
    }

    /** The last part of an ARN's resource: a bucket, a key id, a role's name without its path. */
    private static String lastName(String arn) {
        Arn a = Arn.parse(arn).orElse(null);
        if (a == null) {
            return arn;
        }
        String r = a.resource();
        int cut = Math.max(r.lastIndexOf('/'), r.lastIndexOf(':'));
        return cut >= 0 && cut < r.length() - 1 ? r.substring(cut + 1) : r;
    }
}
