"""The kinds of notification, as data: what each is about, and how a person hears of it by default.

Other apps name a kind when they call `notifications.services.notify`; a new kind is a new line
here (and its label is what the settings page shows). Labels are Vietnamese, shown to users.
"""

from django.db import models


class Kind(models.TextChoices):
    TASK_ASSIGNED = "task_assigned", "Được giao việc"
    TASK_DUE_SOON = "task_due_soon", "Việc sắp đến hạn (còn 7 ngày)"
    TASK_OVERDUE = "task_overdue", "Việc đã quá hạn"
    REVIEW_DUE_SOON = "review_due_soon", "Sắp đến lần giám sát nội bộ (còn 14 ngày)"
    REVIEW_MISSED = "review_missed", "Đã qua thời điểm giám sát mà chưa ghi nhận"
    PLAN_RETURNED = "plan_returned", "Kế hoạch bị trả lại để sửa"
    ROW_COMMENT = "row_comment", "Góp ý vào dòng kế hoạch tôi phụ trách"
    PLAN_APPROVED = "plan_approved", "Kế hoạch được phê duyệt hoặc công khai"
    REPORT_SUBMITTED = "report_submitted", "Trường gửi báo cáo kết quả thực hiện"
    REPORT_RECEIVED = "report_received", "Báo cáo kết quả được cơ quan quản lý tiếp nhận, góp ý"
    ESCALATION_ANSWERED = "escalation_answered", "Đề xuất lên cấp trên được trả lời"
    ESCALATION_RECEIVED = "escalation_received", "Trường gửi đề xuất lên cơ quan"
    PLAN_DUE_SOON = "plan_due_soon", "Sắp đến hạn công khai kế hoạch (còn 7 ngày)"
    PLAN_OVERDUE = "plan_overdue", "Đã quá hạn công khai kế hoạch"


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", "Gửi e-mail ngay"
    DIGEST = "digest", "Gộp vào một e-mail mỗi ngày"
    OFF = "off", "Không gửi e-mail"


DEFAULT_DELIVERY = Delivery.DIGEST

# What each kind is for, shown under its name on the settings page.
HELP = {
    Kind.TASK_ASSIGNED: "Khi bạn được giao chủ trì hoặc phối hợp một việc.",
    Kind.TASK_DUE_SOON: "Bảy ngày trước hạn hoàn thành của việc bạn phụ trách.",
    Kind.TASK_OVERDUE: "Khi việc bạn phụ trách đã quá hạn mà chưa hoàn thành.",
    Kind.REVIEW_DUE_SOON: "Mười bốn ngày trước thời điểm giám sát nội bộ (cuối học kỳ I, cuối năm học).",
    Kind.REVIEW_MISSED: "Khi đã qua thời điểm giám sát mà tổ giám sát chưa ghi nhận kết quả.",
    Kind.PLAN_RETURNED: "Khi kế hoạch bạn soạn bị trả lại kèm lý do.",
    Kind.ROW_COMMENT: "Khi có người góp ý vào dòng kế hoạch bạn chủ trì hoặc phối hợp.",
    Kind.PLAN_APPROVED: "Khi kế hoạch của trường được phê duyệt, công khai.",
    Kind.REPORT_SUBMITTED: "Khi một trường gửi báo cáo kết quả thực hiện kế hoạch lên cơ quan.",
    Kind.REPORT_RECEIVED: "Khi cơ quan quản lý tiếp nhận hoặc góp ý báo cáo kết quả của trường.",
    Kind.ESCALATION_ANSWERED: "Khi cơ quan quản lý trả lời đề xuất, kiến nghị của trường.",
    Kind.ESCALATION_RECEIVED: "Khi một trường (hoặc Phòng chuyển lên) gửi đề xuất tới cơ quan bạn phụ trách.",
    Kind.PLAN_DUE_SOON: "Bảy ngày trước hạn công khai kế hoạch do Phòng/Sở đặt, khi kế hoạch chưa công khai.",
    Kind.PLAN_OVERDUE: "Khi đã qua hạn công khai kế hoạch do Phòng/Sở đặt mà kế hoạch chưa công khai.",
}
