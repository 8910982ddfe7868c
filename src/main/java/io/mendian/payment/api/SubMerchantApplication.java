package io.mendian.payment.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What WeChat Pay needs to open a brand's sub-merchant account (特约商户进件), in the fields HQ fills in. Contact and
 * bank details are sent encrypted with WeChat Pay's public key and are not stored by Mendian.
 */
@Schema(description = "A sub-merchant applyment: the brand's business, its contact and its settlement account")
public record SubMerchantApplication(
        @Schema(description = "Registered company name, as on the business licence", example = "门店示范餐饮有限公司")
        @NotBlank
        @Size(max = 128)
        String companyName,

        @Schema(description = "Unified social credit code (统一社会信用代码), 18 characters", example = "91310000MA1K000000")
        @NotBlank
        @Pattern(regexp = "[0-9A-HJ-NPQRTUWXY]{18}", message = "must be an 18-character credit code")
        String licenseNumber,

        @Schema(description = "Short name shown to customers on their payment receipt", example = "门店示范")
        @NotBlank
        @Size(max = 64)
        String merchantShortname,

        @Schema(description = "Contact person's name") @NotBlank @Size(max = 64)
        String contactName,

        @Schema(description = "Contact person's mobile number", example = "13800000000")
        @NotBlank
        @Pattern(regexp = "1[3-9][0-9]{9}", message = "must be a mainland mobile number")
        String contactPhone,

        @Schema(description = "Settlement bank account holder (the company)") @NotBlank @Size(max = 128)
        String accountName,

        @Schema(description = "Settlement bank", example = "招商银行") @NotBlank @Size(max = 64)
        String accountBank,

        @Schema(description = "Settlement account number, digits only")
        @NotBlank
        @Pattern(regexp = "[0-9]{8,30}", message = "must be 8 to 30 digits")
        String accountNumber) {}
