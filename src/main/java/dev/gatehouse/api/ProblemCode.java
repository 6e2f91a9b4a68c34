package dev.gatehouse.api;

/**
 * The catalog of problem codes: every {@link Problem} carries one. Codes are stable — tools may match on
 * them — and each says what it means and what to do. The message of a problem gives the particulars.
 */
public enum ProblemCode {
    FILE_UNREADABLE("GH100", "A file cannot be read",
            "the file is missing, is a directory or a broken link, is too large, cannot be opened, or is not UTF-8 text",
            "point at the file itself; convert it to UTF-8"),
    NOT_JSON("GH101", "Not JSON", "the text is not a JSON document (or a policy string is not JSON or URL encoding)",
            "export it again as JSON (`aws … --output json`)"),
    WRONG_SHAPE("GH102", "Unexpected shape", "an element has the wrong type or is missing",
            "compare the element with the AWS output it came from; the message says what was expected"),
    UNKNOWN_ELEMENT("GH103", "Unknown element", "a key that the format does not have (often a misspelling)",
            "correct or remove the key"),
    POLICY_TOO_LARGE("GH104", "Policy over AWS's size limit", "a policy longer than AWS stores for its kind",
            "check the export: AWS would not have accepted this policy"),
    UNKNOWN_OPERATOR("GH105", "Unknown condition operator", "a condition operator AWS does not have",
            "use an operator of the IAM reference (StringEquals, ArnLike, DateLessThan, …)"),
    INVALID_VALUE("GH106", "Invalid value", "a value that is not what its element takes: an ARN, an action, an account id, "
            + "a condition value, a policy version", "correct the value; the message names what it takes"),
    MISSING_REFERENCE("GH107", "Missing reference", "a group, managed policy or permissions boundary that is named but not "
            + "in the facts: the policies of whoever names it are unknown", "export the whole account (every group and policy)"),
    NOT_ALLOWED("GH108", "Not allowed here", "an element AWS does not allow in this kind of policy, or a feature Gatehouse "
            + "does not evaluate", "remove it; Gatehouse never evaluates around it silently"),
    WRONG_ACCOUNT("GH109", "Wrong account", "a principal in another account's folder, or an account outside its organization tree",
            "put each account's export in its own folder accounts/<id>/"),
    INCOMPLETE_SUBJECT("GH110", "Answer refused: input not all read", "the question is about something whose policies could "
            + "not all be read, so its answer could miss access", "fix the problems reported for it when loading"),
    NOT_IN_FACTS("GH111", "Not in the facts", "a principal, role or resource the question names is not in the facts",
            "check the ARN (case matters) or add the account's export"),
    USAGE("GH112", "Usage", "a command-line option that is missing, malformed or does not combine with another",
            "see the command's --help"),
    RULES("GH113", "Rule base does not build", "a rule file of the rules folder has an error", "fix the file at the line named"),
    DUPLICATE("GH114", "Defined twice", "one principal or resource defined in two places; when the two differ, questions "
            + "about it are refused", "keep one definition: each account's export in its own folder, a bucket in s3/ or in resources.json"),
    UNKNOWN_NAME("GH115", "Unknown action or condition key (a warning)", "a customer policy names an action or a condition key that "
            + "the action catalog and the global condition keys do not have: a misspelling grants or denies nothing, and a "
            + "condition on a key no request carries never holds; the policy is evaluated as written",
            "correct the name (the message suggests the nearest); a name AWS added after the catalog's date can stay"),
    IGNORED_CONTEXT_KEY("GH116", "A context key the action cannot carry (a warning)", "a request gives a service condition key "
            + "that the action catalog lists neither for the action nor for its resource types: no real request of the action "
            + "carries it, so it is decided as absent (and listed as ignoredContextKeys)",
            "remove the key, or ask about an action that carries it; a key AWS added after the catalog's date is a reason to "
            + "update the catalog");

    private final String code;
    private final String title;
    private final String meaning;
    private final String fix;

    ProblemCode(String code, String title, String meaning, String fix) {
        this.code = code;
        this.title = title;
        this.meaning = meaning;
        this.fix = fix;
    }

    /** The stable code, {@code GH102}. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** What a problem of this code means. */
    public String meaning() {
        return meaning;
    }

    /** What to do about it. */
    public String fix() {
        return fix;
    }
}
