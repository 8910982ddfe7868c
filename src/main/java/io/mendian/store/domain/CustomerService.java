package io.mendian.store.domain;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** How customers reach the store: a phone line, a WeChat id for the store's service account, and a note. */
public record CustomerService(
        @Pattern(regexp = "^[0-9+() -]{3,30}$", message = "digits, spaces, + - ( ), 3-30 characters")
        String phone,

        @Size(max = 40) String wechatId,
        @Size(max = 200) String note) {}
