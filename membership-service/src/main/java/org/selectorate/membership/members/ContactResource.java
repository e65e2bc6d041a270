package org.selectorate.membership.members;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

@Path("/api/membership/constituencies/{code}/members/{number}/contact")
@Tag(name = "members", description = "A constituency's members, imported from CSV")
public class ContactResource {
    private final ContactService contacts;
    private final SecurityIdentity identity;

    public ContactResource(ContactService contacts, SecurityIdentity identity) {
        this.contacts = contacts;
        this.identity = identity;
    }

    @PUT
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "changeMemberContact",
            summary = "Change a member's contact: {email, phone, postalAddress}",
            description = "Validated like the members file (400 with every bad field; nothing changed). Frozen rolls "
                    + "keep the contact held at the freeze, where ballot mail goes. If the email changes, "
                    + "MemberContactChanged is published (topic selectorate.roll) and the previous address is told; "
                    + "`selectionsAlerted` lists the selections whose ballot has not closed and whose latest frozen "
                    + "roll holds the member.")
    public Uni<ContactService.ContactView> change(@PathParam("code") String code, @PathParam("number") String number,
                                                  ContactService.Contact contact) {
        return contacts.change(code, number, contact, Caller.of(identity));
    }
}
