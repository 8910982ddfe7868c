const STATUS: Record<string, string> = {
  PENDING_PAYMENT: '待支付',
  PAID: '已支付，等待门店接单',
  ACCEPTED: '门店已接单',
  PREPARING: '制作中',
  READY: '可以取货了',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
  EXPIRED: '已超时取消',
}

/** An order status in the customer's words (the same as the H5 storefront's). */
export function statusText(status: string): string {
  return STATUS[status] || status
}

const APPOINTMENT: Record<string, string> = {
  HELD: '待确认',
  CONFIRMED: '已预约',
  CHECKED_IN: '已到店',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
  EXPIRED: '已过期',
  NO_SHOW: '未到店',
}

/** An appointment status in the member's words (the same as the H5 storefront's). */
export function appointmentStatus(status: string): string {
  return APPOINTMENT[status] || status
}

const ENROLMENT: Record<string, string> = {
  HELD: '待支付',
  CONFIRMED: '已报名',
  CANCELLED: '已取消',
  EXPIRED: '已过期',
}

/** An enrolment status in the member's words (the same as the H5 storefront's). */
export function enrolmentStatus(status: string): string {
  return ENROLMENT[status] || status
}
