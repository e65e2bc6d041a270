package org.selectorate.membership.members;

import java.time.LocalDate;

/** One valid row of a members file. */
record MemberRow(String membershipNumber, String firstName, String lastName, String email, String phone,
                 String address, String branch, LocalDate joined, String status, boolean arrears) {
}
