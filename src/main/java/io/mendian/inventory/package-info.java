/**
 * Inventory (H5, S4, X1): stock per store and SKU with an append-only ledger, reservations that expire and return
 * stock exactly once, stock-in, losses, stocktakes, transfers between stores, and low-stock alerts. Other contexts
 * use {@link io.mendian.inventory.InventoryApi}.
 */
package io.mendian.inventory;
