package dev.gatehouse.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;

/**
 * An account's users, groups, roles and managed policies: every page of {@code get-account-authorization-details},
 * joined into the one document the AWS CLI prints ({@code iam.json}).
 */
final class IamReader {
    static final List<String> LISTS = List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies");

    private IamReader() {
    }

    /** The export, or empty when a page could not be read (recorded: a part of an export is no export). */
    static Optional<ObjectNode> read(IamClient iam, Calls calls) {
        return calls.call("iam:GetAccountAuthorizationDetails", null, null, () -> {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            LISTS.forEach(out::putArray);
            for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator()) {
                ObjectNode tree = Wire.tree(page);
                for (String list : LISTS) {
                    JsonNode items = tree.get(list);
                    if (items != null && items.isArray()) {
                        ((ArrayNode) out.get(list)).addAll((ArrayNode) items);
                    }
                }
            }
            return out;
        });
    }

    /** {@code 4 users, 1 group, 6 roles, 3 policies}. */
    static String counts(ObjectNode export) {
        return count(export, "UserDetailList", "user") + ", " + count(export, "GroupDetailList", "group") + ", "
                + count(export, "RoleDetailList", "role") + ", " + count(export, "Policies", "managed policy");
    }

    static String count(ObjectNode n, String list, String word) {
        int k = n.path(list).size();
        return k + " " + (k == 1 ? word : word.endsWith("y") ? word.substring(0, word.length() - 1) + "ies" : word + "s");
    }
}
