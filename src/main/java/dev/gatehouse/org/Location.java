package dev.gatehouse.org;

/**
 * Where something of the facts was read: its file and the JSON pointer of its element ("" for the whole file). For
 * a policy document, whether its statements are a list that a pointer can reach one by one ({@code statements}:
 * false when the document is one statement, or a string of JSON or URL encoding that a pointer cannot enter).
 */
public record Location(String file, String pointer, boolean statements) {
    /** The pointer of a statement of this policy document: its element when a pointer can reach it, else the document's. */
    public String statement(int index) {
        return statements ? pointer + "/Statement/" + index : pointer;
    }
}
